/// An infix operator; all are left-associative.
public enum BinaryOperator: Hashable, Sendable, CustomStringConvertible {
    case or, and
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    /// `IS DISTINCT FROM`: inequality where NULL equals NULL.
    case isDistinctFrom
    /// `IS NOT DISTINCT FROM`: equality where NULL equals NULL.
    case isNotDistinctFrom
    /// `||`.
    case concat
    case add, subtract, multiply, divide, modulo

    public var precedence: Precedence {
        switch self {
        case .or: return .or
        case .and: return .and
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .isDistinctFrom, .isNotDistinctFrom:
            return .comparison
        case .concat: return .concat
        case .add, .subtract: return .additive
        case .multiply, .divide, .modulo: return .multiplicative
        }
    }

    /// Whether the operator compares its operands (and so yields a boolean).
    public var isComparison: Bool { precedence == .comparison }

    /// The operator as printed; `!=` prints as `<>`.
    public var description: String {
        switch self {
        case .or: return "OR"
        case .and: return "AND"
        case .equal: return "="
        case .notEqual: return "<>"
        case .less: return "<"
        case .lessOrEqual: return "<="
        case .greater: return ">"
        case .greaterOrEqual: return ">="
        case .isDistinctFrom: return "IS DISTINCT FROM"
        case .isNotDistinctFrom: return "IS NOT DISTINCT FROM"
        case .concat: return "||"
        case .add: return "+"
        case .subtract: return "-"
        case .multiply: return "*"
        case .divide: return "/"
        case .modulo: return "%"
        }
    }
}
