/// One entry of a select list.
public enum SelectItem: Hashable, Sendable, CustomStringConvertible {
    /// `*`: every column of every table in `FROM`.
    case wildcard(SourceRange)
    /// `t.*`: every column of the named table or alias.
    case qualifiedWildcard(QualifiedName, SourceRange)
    /// `expression [[AS] alias]`.
    case expression(Expression, alias: Identifier?, SourceRange)

    public var range: SourceRange {
        switch self {
        case .wildcard(let range), .qualifiedWildcard(_, let range), .expression(_, _, let range): return range
        }
    }

    public var description: String {
        switch self {
        case .wildcard: return "*"
        case .qualifiedWildcard(let qualifier, _): return "\(qualifier).*"
        case .expression(let expression, let alias, _):
            return alias.map { "\(expression) AS \($0)" } ?? expression.description
        }
    }
}
