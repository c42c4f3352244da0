/// `SELECT [DISTINCT] items [FROM ...] [WHERE ...] [GROUP BY ...] [HAVING ...]`.
public struct Select: Hashable, Sendable, CustomStringConvertible {
    public var isDistinct: Bool
    /// At least one.
    public var items: [SelectItem]
    /// The comma-separated `FROM` entries, each possibly a join tree; empty without `FROM`.
    public var from: [TableReference]
    public var whereClause: Expression?
    /// Expressions, or integer literals naming select items by 1-based position.
    public var groupBy: [Expression]
    public var having: Expression?
    public var range: SourceRange

    public init(
        isDistinct: Bool = false, items: [SelectItem], from: [TableReference] = [], whereClause: Expression? = nil,
        groupBy: [Expression] = [], having: Expression? = nil, range: SourceRange = .unknown
    ) {
        self.isDistinct = isDistinct
        self.items = items
        self.from = from
        self.whereClause = whereClause
        self.groupBy = groupBy
        self.having = having
        self.range = range
    }

    public var description: String {
        var text = isDistinct ? "SELECT DISTINCT " : "SELECT "
        text += SQLText.list(items)
        if !from.isEmpty { text += " FROM " + SQLText.list(from) }
        if let whereClause { text += " WHERE \(whereClause)" }
        if !groupBy.isEmpty { text += " GROUP BY " + SQLText.list(groupBy) }
        if let having { text += " HAVING \(having)" }
        return text
    }
}
