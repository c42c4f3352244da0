import SluiceCore

/// What the table sources share when they start a scan.
enum ScanColumns {
    /// The fields of `columns` (positions in `schema`).
    /// - Throws: `SluiceError` (internal) for an empty list or a position outside the schema:
    ///   a batch without columns could not carry its row count, so the planner scans at least
    ///   one column even for `count(*)`.
    static func fields(_ columns: [Int], of schema: Schema, source: String) throws -> [Field] {
        guard !columns.isEmpty else { throw SluiceError.internal("a scan of \(source) needs at least one column") }
        return try columns.map { column in
            guard column >= 0, column < schema.count else {
                throw SluiceError.internal("column \(column) is not in \(source), which has \(schema.count) columns")
            }
            return schema.fields[column]
        }
    }

    /// `EXPLAIN`'s description of a scan.
    static func details(_ source: String, fields: [Field], fileCount: Int) -> String {
        let files = fileCount == 1 ? "1 file" : "\(fileCount) files"
        return "\(source) (\(files)), columns: [\(fields.map(\.name).joined(separator: ", "))]"
    }

    /// The most rows one scan batch carries: bigger row groups are handed out in pieces. With
    /// the default target, 131,072: row groups as DuckDB writes them (122,880 rows) pass whole,
    /// without a copy, while the million-row groups Sluice writes split into eight.
    static func pieceRowCountMax(_ context: ExecutionContext) -> Int {
        max(1, context.batchRowCountTarget) * 16
    }
}
