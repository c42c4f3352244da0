/// A whole query: `[WITH ...] body [ORDER BY ...] [LIMIT n] [OFFSET m]`.
///
/// `ORDER BY`, `LIMIT` and `OFFSET` apply to the body's result as a whole, also when the body is
/// a set operation.
public struct Query: Hashable, Sendable, CustomStringConvertible {
    public var with: WithClause?
    public var body: QueryBody
    public var orderBy: [OrderByItem]
    public var limit: Expression?
    public var offset: Expression?
    public var range: SourceRange

    public init(
        with: WithClause? = nil, body: QueryBody, orderBy: [OrderByItem] = [], limit: Expression? = nil,
        offset: Expression? = nil, range: SourceRange = .unknown
    ) {
        self.with = with
        self.body = body
        self.orderBy = orderBy
        self.limit = limit
        self.offset = offset
        self.range = range
    }

    /// Whether the query is just its body: no `WITH`, `ORDER BY`, `LIMIT` or `OFFSET`.
    public var hasOnlyABody: Bool {
        with == nil && orderBy.isEmpty && limit == nil && offset == nil
    }

    public var description: String {
        var parts: [String] = []
        if let with { parts.append(with.description) }
        parts.append(body.description)
        if !orderBy.isEmpty { parts.append("ORDER BY " + SQLText.list(orderBy)) }
        if let limit { parts.append("LIMIT \(limit)") }
        if let offset { parts.append("OFFSET \(offset)") }
        return parts.joined(separator: " ")
    }
}
