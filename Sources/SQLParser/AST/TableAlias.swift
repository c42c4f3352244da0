/// `[AS] name [(column, ...)]` after a table, file, function or subquery in `FROM`.
public struct TableAlias: Hashable, Sendable, CustomStringConvertible {
    public var name: Identifier
    /// New names for the columns, in order; empty to keep the originals.
    public var columnNames: [Identifier]

    public init(name: Identifier, columnNames: [Identifier] = []) {
        self.name = name
        self.columnNames = columnNames
    }

    public var description: String {
        columnNames.isEmpty ? "AS \(name)" : "AS \(name) (\(SQLText.list(columnNames)))"
    }
}
