/// `INSERT INTO name [(columns)] query`, where the query may be `VALUES (...), (...)`.
public struct Insert: Hashable, Sendable, CustomStringConvertible {
    public var table: QualifiedName
    /// The target columns in the order the query produces them; empty for all, in table order.
    public var columns: [Identifier]
    public var source: Query
    public var range: SourceRange

    public init(table: QualifiedName, columns: [Identifier] = [], source: Query, range: SourceRange = .unknown) {
        self.table = table
        self.columns = columns
        self.source = source
        self.range = range
    }

    public var description: String {
        let columnList = columns.isEmpty ? "" : " (\(SQLText.list(columns)))"
        return "INSERT INTO \(table)\(columnList) \(source)"
    }
}
