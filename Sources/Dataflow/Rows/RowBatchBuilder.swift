import SluiceCore

/// Gathers rows into record batches of a target schema, matching columns by name: a row of the
/// same layout is copied by position, a row of another layout through a name mapping made once
/// per layout. Values widen as `ColumnBuilder` allows (INT32 into INT64, integers into FLOAT64).
///
/// Not thread-safe: one task owns one builder.
struct RowBatchBuilder {
    let schema: Schema
    private var builders: [ColumnBuilder]
    /// For the last row layout seen: the row position of each target column (nil: absent).
    private var mapping: (layout: RowLayout, positions: [Int?])?

    init(schema: Schema, capacity: Int = 0) {
        self.schema = schema
        builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: capacity) }
    }

    var rowCount: Int { builders.first?.count ?? 0 }

    /// - Throws: `SluiceError` (user input) naming the column when a value does not fit it or a
    ///   NOT NULL column is absent from the row.
    mutating func append(_ row: Row) throws {
        let positions = positions(for: row.layout)
        for (index, position) in positions.enumerated() {
            let value = position.map { row.values[$0] } ?? .null
            do {
                try builders[index].append(value)
            } catch let error as SluiceError {
                throw SluiceError.userInput("column '\(schema.fields[index].name)': \(error.message)",
                                            at: SourceLocation(field: schema.fields[index].name))
            }
        }
    }

    /// The rows gathered so far as a batch; the builder starts empty again.
    mutating func finish() -> RecordBatch {
        let count = rowCount
        return RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish() }, rowCount: count)
    }

    private mutating func positions(for layout: RowLayout) -> [Int?] {
        if let mapping, mapping.layout === layout { return mapping.positions }
        let positions: [Int?] = layout.schema == schema
            ? Array(schema.fields.indices)
            : schema.fields.map { layout.index(of: $0.name) }
        mapping = (layout, positions)
        return positions
    }
}
