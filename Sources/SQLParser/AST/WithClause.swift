/// `WITH [RECURSIVE] name [(columns)] AS (query), ...`.
public struct WithClause: Hashable, Sendable, CustomStringConvertible {
    public var isRecursive: Bool
    /// At least one, in the order written; each may refer to those before it.
    public var tables: [CommonTableExpression]
    public var range: SourceRange

    public init(isRecursive: Bool = false, tables: [CommonTableExpression], range: SourceRange = .unknown) {
        self.isRecursive = isRecursive
        self.tables = tables
        self.range = range
    }

    public var description: String {
        (isRecursive ? "WITH RECURSIVE " : "WITH ") + SQLText.list(tables)
    }
}
