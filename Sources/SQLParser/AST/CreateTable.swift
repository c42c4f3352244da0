/// `CREATE TABLE [IF NOT EXISTS] name (columns) [PARTITIONED BY (columns)]`, or
/// `CREATE TABLE name [PARTITIONED BY (columns)] AS query`. Exactly one of `columns` and
/// `query` is given.
public struct CreateTable: Hashable, Sendable, CustomStringConvertible {
    public var name: QualifiedName
    public var ifNotExists: Bool
    /// The declared columns; empty when the table is made from `query`.
    public var columns: [ColumnDefinition]
    /// Columns whose values name the table's partition folders.
    public var partitionedBy: [Identifier]
    /// The query whose result fills the new table (`CREATE TABLE ... AS`).
    public var query: Query?
    public var range: SourceRange

    public init(
        name: QualifiedName, ifNotExists: Bool = false, columns: [ColumnDefinition] = [],
        partitionedBy: [Identifier] = [], query: Query? = nil, range: SourceRange = .unknown
    ) {
        self.name = name
        self.ifNotExists = ifNotExists
        self.columns = columns
        self.partitionedBy = partitionedBy
        self.query = query
        self.range = range
    }

    public var description: String {
        var text = "CREATE TABLE " + (ifNotExists ? "IF NOT EXISTS " : "") + name.description
        if !columns.isEmpty { text += " (\(SQLText.list(columns)))" }
        if !partitionedBy.isEmpty { text += " PARTITIONED BY (\(SQLText.list(partitionedBy)))" }
        if let query { text += " AS \(query)" }
        return text
    }
}
