/// Equal-length columns plus the schema that names and types them: the unit every operator,
/// reader and writer passes along.
public struct RecordBatch: Sendable, Equatable {
    public let schema: Schema
    public let columns: [Column]
    public let rowCount: Int

    /// - Precondition: one column per field, each of the field's type and of the same length.
    public init(schema: Schema, columns: [Column]) {
        self.init(schema: schema, columns: columns, rowCount: columns.first?.count ?? 0)
    }

    /// A batch whose row count is given, so a batch without columns can still hold rows
    /// (`SELECT 1` reads one row of nothing; `count(*)` counts rows without reading columns).
    /// - Precondition: one column per field, each of the field's type and `rowCount` long.
    public init(schema: Schema, columns: [Column], rowCount: Int) {
        precondition(schema.count == columns.count, "a batch needs one column per field")
        for (field, column) in zip(schema.fields, columns) {
            precondition(field.type == column.type, "column '\(field.name)' is \(column.type), the schema says \(field.type)")
            precondition(column.count == rowCount, "column '\(field.name)' has \(column.count) rows, others \(rowCount)")
        }
        self.schema = schema
        self.columns = columns
        self.rowCount = rowCount
    }

    /// An empty batch of the given schema.
    public init(emptyOf schema: Schema) {
        self.schema = schema
        self.columns = schema.fields.map { Column(type: $0.type, values: .empty($0.type.storage)) }
        self.rowCount = 0
    }

    public func column(named name: String) -> Column? {
        schema.index(of: name).map { columns[$0] }
    }

    /// One row, boxed. For display and tests.
    public func row(_ index: Int) -> [Value] {
        columns.map { $0[index] }
    }
}
