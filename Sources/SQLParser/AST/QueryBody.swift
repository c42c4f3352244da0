/// What a query computes before ordering and limits.
public indirect enum QueryBody: Hashable, Sendable, CustomStringConvertible {
    case select(Select)
    case setOperation(SetOperation)
    case values(Values)
    /// A query in parentheses with clauses of its own (`WITH`, `ORDER BY`, `LIMIT`, `OFFSET`);
    /// parentheses around a bare body only group and leave no node.
    case parenthesized(Query)

    public var range: SourceRange {
        switch self {
        case .select(let select): return select.range
        case .setOperation(let operation): return operation.range
        case .values(let values): return values.range
        case .parenthesized(let query): return query.range
        }
    }

    public var description: String {
        switch self {
        case .select(let select): return select.description
        case .setOperation(let operation): return operation.description
        case .values(let values): return values.description
        case .parenthesized(let query): return "(\(query))"
        }
    }
}
