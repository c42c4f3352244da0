import SluiceCore

/// Builds a join's output batches from row positions, in the column layout its `JoinKind`
/// prescribes: left then right columns, left columns only, left columns then a mark, or right
/// columns only.
///
/// Threading: immutable; used from every probing thread.
struct JoinOutput: Sendable {
    let kind: JoinKind
    /// The join's output schema (names and types of every output column).
    let schema: Schema
    let leftColumnCount: Int

    /// Left rows `probeRows` of `probe` next to right rows `buildRows` of `build`; a negative
    /// position gives NULLs for that side.
    func pairs(probe: RecordBatch, build: [Column], probeRows: [Int32], buildRows: [Int32]) -> RecordBatch {
        let left = probe.columns.map { JoinColumnGather.gather($0, at: probeRows) }
        let right = build.map { JoinColumnGather.gather($0, at: buildRows) }
        return RecordBatch(schema: schema, columns: left + right)
    }

    /// Every left row of `probe` in order next to right rows `buildRows` (negative: NULLs).
    func everyProbeRow(probe: RecordBatch, build: [Column], buildRows: [Int32]) -> RecordBatch {
        let right = build.map { JoinColumnGather.gather($0, at: buildRows) }
        return RecordBatch(schema: schema, columns: probe.columns + right)
    }

    /// Left rows `rows` of `probe`, left columns only (semi and anti joins).
    func probeRows(probe: RecordBatch, rows: [Int32]) -> RecordBatch {
        if rows.count == probe.rowCount { return RecordBatch(schema: schema, columns: probe.columns) }
        return RecordBatch(schema: schema, columns: probe.columns.map { JoinColumnGather.gather($0, at: rows) })
    }

    /// Every left row of `probe` next to its mark.
    func marked(probe: RecordBatch, marks: Column) -> RecordBatch {
        RecordBatch(schema: schema, columns: probe.columns + [marks])
    }

    /// Right rows `rows` of `build`: with NULL left columns (right and full joins), or alone
    /// (right semi and right anti joins).
    func buildRows(build: [Column], rows: [Int32]) -> RecordBatch {
        let right = build.map { JoinColumnGather.gather($0, at: rows) }
        guard kind.outputsLeftColumns else { return RecordBatch(schema: schema, columns: right) }
        let left = schema.fields.prefix(leftColumnCount).map { JoinColumnGather.nulls($0.type, count: rows.count) }
        return RecordBatch(schema: schema, columns: left + right)
    }
}
