/// One named query of a `WITH` clause: `name [(columns)] AS (query)`.
public struct CommonTableExpression: Hashable, Sendable, CustomStringConvertible {
    public var name: Identifier
    /// Names for the query's columns; empty to keep the query's own.
    public var columnNames: [Identifier]
    public var query: Query
    public var range: SourceRange

    public init(name: Identifier, columnNames: [Identifier] = [], query: Query, range: SourceRange = .unknown) {
        self.name = name
        self.columnNames = columnNames
        self.query = query
        self.range = range
    }

    public var description: String {
        let columns = columnNames.isEmpty ? "" : " (" + SQLText.list(columnNames) + ")"
        return "\(name)\(columns) AS (\(query))"
    }
}
