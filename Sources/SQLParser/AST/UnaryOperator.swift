/// A prefix operator.
public enum UnaryOperator: Hashable, Sendable, CustomStringConvertible {
    case not
    case minus
    case plus

    public var precedence: Precedence {
        self == .not ? .not : .unary
    }

    public var description: String {
        switch self {
        case .not: return "NOT"
        case .minus: return "-"
        case .plus: return "+"
        }
    }
}
