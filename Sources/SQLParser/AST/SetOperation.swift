/// `left UNION|INTERSECT|EXCEPT [ALL] right`. `INTERSECT` binds tighter than `UNION` and
/// `EXCEPT`, which associate to the left.
public struct SetOperation: Hashable, Sendable, CustomStringConvertible {
    public enum Operator: String, Hashable, Sendable {
        case union = "UNION"
        case intersect = "INTERSECT"
        case except = "EXCEPT"

        /// Higher binds tighter.
        var precedence: Int { self == .intersect ? 2 : 1 }
    }

    public var op: Operator
    /// `ALL` keeps duplicates; without it (or with `DISTINCT`) they are removed.
    public var isAll: Bool
    public var left: QueryBody
    public var right: QueryBody
    public var range: SourceRange

    public init(op: Operator, isAll: Bool, left: QueryBody, right: QueryBody, range: SourceRange = .unknown) {
        self.op = op
        self.isAll = isAll
        self.left = left
        self.right = right
        self.range = range
    }

    public var description: String {
        let leftText = Self.operand(left, needsParentheses: { $0 < op.precedence })
        let rightText = Self.operand(right, needsParentheses: { $0 <= op.precedence })
        return "\(leftText) \(op.rawValue)\(isAll ? " ALL" : "") \(rightText)"
    }

    /// An operand in parentheses when the operators' precedence would otherwise regroup it.
    private static func operand(_ body: QueryBody, needsParentheses: (Int) -> Bool) -> String {
        if case .setOperation(let inner) = body, needsParentheses(inner.op.precedence) {
            return "(\(body))"
        }
        return body.description
    }
}
