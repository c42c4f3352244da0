/// `CREATE [OR REPLACE] VIEW [IF NOT EXISTS] name [(columns)] AS query`: a named query that
/// later statements read like a table, evaluated afresh each time.
public struct CreateView: Hashable, Sendable, CustomStringConvertible {
    public var name: QualifiedName
    /// Whether an existing view of that name is replaced rather than an error.
    public var orReplace: Bool
    /// Whether an existing view of that name is kept silently.
    public var ifNotExists: Bool
    /// Names for the query's columns, in order; empty keeps the query's own names.
    public var columnNames: [Identifier]
    public var query: Query
    public var range: SourceRange

    public init(name: QualifiedName, orReplace: Bool = false, ifNotExists: Bool = false, columnNames: [Identifier] = [],
                query: Query, range: SourceRange = .unknown) {
        self.name = name
        self.orReplace = orReplace
        self.ifNotExists = ifNotExists
        self.columnNames = columnNames
        self.query = query
        self.range = range
    }

    public var description: String {
        var text = "CREATE " + (orReplace ? "OR REPLACE " : "") + "VIEW " + (ifNotExists ? "IF NOT EXISTS " : "")
        text += name.description
        if !columnNames.isEmpty { text += " (\(SQLText.list(columnNames)))" }
        return text + " AS \(query)"
    }
}
