extension Expression {
    public var description: String {
        switch self {
        case .literal(let literal, _):
            return literal.description
        case .column(let name):
            return name.description
        case .parameter(let parameter):
            return parameter.description
        case .unary(let op, let operand, _):
            return Self.prefix(op, operand)
        case .binary(let op, let left, let right, _):
            var leftText = left.printed(atLeast: op.precedence)
            var rightText = right.printed(atLeast: op.precedence.tighter)
            // AND inside OR gets parentheses it does not need, because readers expect them.
            if op == .or {
                if left.isConjunction { leftText = "(\(leftText))" }
                if right.isConjunction { rightText = "(\(rightText))" }
            }
            return "\(leftText) \(op) \(rightText)"
        case .isNull(let operand, let negated, _):
            return "\(operand.printed(atLeast: .comparison)) IS \(negated ? "NOT " : "")NULL"
        case .between(let operand, let low, let high, let negated, _):
            let bounds = "\(low.printed(atLeast: .concat)) AND \(high.printed(atLeast: .concat))"
            return "\(operand.printed(atLeast: .comparison)) \(negated ? "NOT " : "")BETWEEN \(bounds)"
        case .inList(let operand, let values, let negated, _):
            return "\(operand.printed(atLeast: .comparison)) \(negated ? "NOT " : "")IN (\(SQLText.list(values)))"
        case .inSubquery(let operand, let query, let negated, _):
            return "\(operand.printed(atLeast: .comparison)) \(negated ? "NOT " : "")IN (\(query))"
        case .like(let operand, let pattern, let escape, let caseInsensitive, let negated, _):
            let keyword = caseInsensitive ? "ILIKE" : "LIKE"
            var text = "\(operand.printed(atLeast: .comparison)) \(negated ? "NOT " : "")\(keyword) \(pattern.printed(atLeast: .concat))"
            if let escape { text += " ESCAPE \(escape.printed(atLeast: .concat))" }
            return text
        case .exists(let query, _):
            return "EXISTS (\(query))"
        case .subquery(let query, _):
            return "(\(query))"
        case .function(let call):
            return call.description
        case .cast(let operand, let type, _):
            return "CAST(\(operand) AS \(type))"
        case .caseWhen(let caseExpression):
            return caseExpression.description
        case .extract(let field, let operand, _):
            return "EXTRACT(\(field) FROM \(operand))"
        }
    }

    /// The expression as an operand of something binding at `precedence`: in parentheses when
    /// its own operator binds more loosely.
    func printed(atLeast precedence: Precedence) -> String {
        self.precedence < precedence ? "(\(self))" : description
    }

    private var isConjunction: Bool {
        if case .binary(.and, _, _, _) = self { return true }
        return false
    }

    private static func prefix(_ op: UnaryOperator, _ operand: Expression) -> String {
        let operandText = operand.printed(atLeast: op.precedence)
        if op == .not { return "NOT \(operandText)" }
        // `- -x` must keep its space: `--` would start a comment.
        if let first = operandText.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            return "\(op) \(operandText)"
        }
        return "\(op)\(operandText)"
    }
}
