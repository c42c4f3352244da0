import SluiceCore

/// Something `FROM` can read: a warehouse table (at a version), Parquet files, a CSV or
/// JSON-lines file. The catalog resolves names and file references to sources; the planner
/// asks a source for a scan with the columns and filters the query needs.
///
/// Threading: sources are immutable and shared by concurrent queries.
public protocol TableSource: Sendable {
    /// The name for messages and `EXPLAIN` ("lineitem", "'data/x.parquet'").
    var displayName: String { get }
    /// The columns, in order.
    var schema: Schema { get }
    /// What the optimizer knows without reading data (for join order and build sides).
    var statistics: TableStatistics { get }

    /// A parallel scan: each `next()` reads one morsel (a row group, a chunk) on the calling
    /// thread.
    ///
    /// - Parameters:
    ///   - columns: positions in `schema` to read, in the order the batches carry them.
    ///   - filters: BOOLEAN predicates over the scanned columns (positions into `columns`'
    ///     output, i.e. 0..<columns.count); the scan skips files and row groups that statistics
    ///     rule out and returns only rows where every filter is TRUE.
    /// - Throws: `SluiceError` naming the file when it cannot be opened.
    func scan(columns: [Int], filters: [PhysicalExpression], context: ExecutionContext) throws -> any BatchStream

    /// The most distinct values column `name` can hold, when statistics bound it (integer and
    /// date columns: max − min + 1); nil when unknown. For join order estimates.
    func distinctValueCountMax(ofColumn name: String) -> Int?
}

extension TableSource {
    public func distinctValueCountMax(ofColumn name: String) -> Int? { nil }
}

/// Sizes the optimizer uses: the row count (exact for warehouse tables and Parquet, estimated
/// for text files) and the bytes on disk.
public struct TableStatistics: Sendable, Equatable {
    public var rowCount: Int?
    public var sizeBytes: Int?

    public init(rowCount: Int? = nil, sizeBytes: Int? = nil) {
        self.rowCount = rowCount
        self.sizeBytes = sizeBytes
    }
}
