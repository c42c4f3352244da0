/// A binary comparison; the result is BOOLEAN, NULL when either side is NULL.
///
/// Doubles are ordered as in DuckDB: NaN equals NaN and is greater than every other value, so
/// each operator is the exact negation of its `negated` counterpart.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "="
    case notEqual = "<>"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    /// The operator as written in SQL.
    public var symbol: String { rawValue }

    /// The operator whose result is the logical negation of this one (`<` becomes `>=`).
    public var negated: ComparisonOperator {
        switch self {
        case .equal: .notEqual
        case .notEqual: .equal
        case .less: .greaterOrEqual
        case .lessOrEqual: .greater
        case .greater: .lessOrEqual
        case .greaterOrEqual: .less
        }
    }

    /// The operator that gives the same result with the operands swapped (`<` becomes `>`).
    public var flipped: ComparisonOperator {
        switch self {
        case .equal, .notEqual: self
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        }
    }
}
