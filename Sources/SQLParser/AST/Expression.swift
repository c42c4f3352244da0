/// A scalar expression as written: the syntax, before names or types are resolved.
///
/// Every case carries the range of its text. Equality ignores ranges (see `SourceRange`), so
/// two expressions are equal when they are written alike. `description` prints canonical SQL
/// with only the parentheses precedence requires.
public indirect enum Expression: Hashable, Sendable, CustomStringConvertible {
    case literal(Literal, SourceRange)
    /// A column, possibly qualified by table or alias: `l_orderkey`, `l1.l_orderkey`.
    case column(QualifiedName)
    case parameter(Parameter)
    case unary(UnaryOperator, Expression, SourceRange)
    case binary(BinaryOperator, Expression, Expression, SourceRange)
    /// `operand IS [NOT] NULL`.
    case isNull(Expression, negated: Bool, SourceRange)
    /// `operand [NOT] BETWEEN low AND high`.
    case between(Expression, low: Expression, high: Expression, negated: Bool, SourceRange)
    /// `operand [NOT] IN (value, ...)`.
    case inList(Expression, [Expression], negated: Bool, SourceRange)
    /// `operand [NOT] IN (query)`.
    case inSubquery(Expression, Query, negated: Bool, SourceRange)
    /// `operand [NOT] LIKE pattern [ESCAPE character]`; `ILIKE` ignores case.
    case like(Expression, pattern: Expression, escape: Expression?, caseInsensitive: Bool, negated: Bool, SourceRange)
    /// `EXISTS (query)`; `NOT EXISTS` is `NOT` applied to it.
    case exists(Query, SourceRange)
    /// A query in parentheses used as a value.
    case subquery(Query, SourceRange)
    /// A call of a scalar, aggregate or window function. `COALESCE`, `NULLIF` and
    /// `SUBSTRING(s FROM a FOR b)` (as `substring(s, a, b)`) are calls too.
    case function(FunctionCall)
    /// `CAST(operand AS type)` or `operand::type`.
    case cast(Expression, DataTypeName, SourceRange)
    case caseWhen(CaseExpression)
    /// `EXTRACT(field FROM operand)`.
    case extract(DateTimeField, Expression, SourceRange)

    /// Where the expression is written.
    public var range: SourceRange {
        switch self {
        case .literal(_, let range), .unary(_, _, let range), .binary(_, _, _, let range),
             .isNull(_, _, let range), .between(_, _, _, _, let range), .inList(_, _, _, let range),
             .inSubquery(_, _, _, let range), .like(_, _, _, _, _, let range), .exists(_, let range),
             .subquery(_, let range), .cast(_, _, let range), .extract(_, _, let range):
            return range
        case .column(let name): return name.range
        case .parameter(let parameter): return parameter.range
        case .function(let call): return call.range
        case .caseWhen(let caseExpression): return caseExpression.range
        }
    }

    /// How tightly the expression's outermost operator binds.
    public var precedence: Precedence {
        switch self {
        case .unary(let op, _, _): return op.precedence
        case .binary(let op, _, _, _): return op.precedence
        case .isNull, .between, .inList, .inSubquery, .like: return .comparison
        case .literal, .column, .parameter, .exists, .subquery, .function, .cast, .caseWhen, .extract:
            return .primary
        }
    }
}
