extension Parser {
    /// An infix or postfix operator found at the current token.
    private enum Infix {
        case binary(BinaryOperator)
        /// `IS [NOT] NULL` and `IS [NOT] DISTINCT FROM`.
        case isPredicate
        case between(negated: Bool)
        case inPredicate(negated: Bool)
        case like(negated: Bool, caseInsensitive: Bool)
        /// `::type`.
        case cast

        var precedence: Precedence {
            switch self {
            case .binary(let op): return op.precedence
            case .isPredicate, .between, .inPredicate, .like: return .comparison
            case .cast: return .postfix
            }
        }
    }

    /// An expression whose operators all bind at least as tightly as `minimum`.
    mutating func parseExpression(_ minimum: Precedence = .or) throws(SQLSyntaxError) -> Expression {
        try enterNesting()
        defer { depth -= 1 }
        let start = currentStart
        var left = try parsePrefix()
        // Each operator in a chain deepens the tree by one, so chains count toward the nesting
        // bound too: `1 + 1 + ... + 1` builds a tree as deep as its length.
        var chainLength = 0
        defer { depth -= chainLength }
        while let infix = currentInfix, infix.precedence >= minimum {
            chainLength += 1
            try enterNesting()
            left = try parseInfix(infix, left: left, start: start)
        }
        return left
    }

    /// `expression, ...`, at least one.
    mutating func parseExpressionList() throws(SQLSyntaxError) -> [Expression] {
        var expressions = [try parseExpression()]
        while consumeSymbol(",") {
            expressions.append(try parseExpression())
        }
        return expressions
    }

    private mutating func parsePrefix() throws(SQLSyntaxError) -> Expression {
        if isKeyword(.not) || isAtSymbol("-") || isAtSymbol("+") {
            return try parseUnary()
        }
        return try parsePrimary()
    }

    /// `NOT operand`, `-operand` or `+operand`.
    private mutating func parseUnary() throws(SQLSyntaxError) -> Expression {
        let start = currentStart
        let op: UnaryOperator = isKeyword(.not) ? .not : isAtSymbol("-") ? .minus : .plus
        advance()
        let operand = try parseExpression(op.precedence)
        return .unary(op, operand, range(from: start))
    }

    private var currentInfix: Infix? {
        let token = current
        if token.kind == .symbol {
            switch token.value {
            case "=": return .binary(.equal)
            case "<>", "!=": return .binary(.notEqual)
            case "<": return .binary(.less)
            case "<=": return .binary(.lessOrEqual)
            case ">": return .binary(.greater)
            case ">=": return .binary(.greaterOrEqual)
            case "||": return .binary(.concat)
            case "+": return .binary(.add)
            case "-": return .binary(.subtract)
            case "*": return .binary(.multiply)
            case "/": return .binary(.divide)
            case "%": return .binary(.modulo)
            case "::": return .cast
            default: return nil
            }
        }
        switch token.keyword {
        case .or: return .binary(.or)
        case .and: return .binary(.and)
        case .is: return .isPredicate
        case .between: return .between(negated: false)
        case .in: return .inPredicate(negated: false)
        case .like: return .like(negated: false, caseInsensitive: false)
        case .ilike: return .like(negated: false, caseInsensitive: true)
        case .not:
            switch peekKeyword() {
            case .between: return .between(negated: true)
            case .in: return .inPredicate(negated: true)
            case .like: return .like(negated: true, caseInsensitive: false)
            case .ilike: return .like(negated: true, caseInsensitive: true)
            default: return nil
            }
        default: return nil
        }
    }

    private mutating func parseInfix(_ infix: Infix, left: Expression, start: SourcePosition) throws(SQLSyntaxError) -> Expression {
        switch infix {
        case .binary(let op):
            advance()
            let right = try parseExpression(op.precedence.tighter)
            return .binary(op, left, right, range(from: start))
        case .isPredicate:
            return try parseIsPredicate(left: left, start: start)
        case .between(let negated):
            return try parseBetween(left: left, negated: negated, start: start)
        case .inPredicate(let negated):
            return try parseIn(left: left, negated: negated, start: start)
        case .like(let negated, let caseInsensitive):
            return try parseLike(left: left, negated: negated, caseInsensitive: caseInsensitive, start: start)
        case .cast:
            advance()
            let type = try parseDataType()
            return .cast(left, type, range(from: start))
        }
    }

    /// `IS [NOT] NULL` or `IS [NOT] DISTINCT FROM right`.
    private mutating func parseIsPredicate(left: Expression, start: SourcePosition) throws(SQLSyntaxError) -> Expression {
        advance()
        let negated = consumeKeyword(.not)
        if consumeKeyword(.null) {
            return .isNull(left, negated: negated, range(from: start))
        }
        guard consumeKeywords(.distinct, .from) else { throw unexpected(expected: "NULL or DISTINCT FROM") }
        let right = try parseExpression(Precedence.comparison.tighter)
        return .binary(negated ? .isNotDistinctFrom : .isDistinctFrom, left, right, range(from: start))
    }

    /// `[NOT] BETWEEN low AND high`; the bounds bind tighter than `AND`.
    private mutating func parseBetween(left: Expression, negated: Bool, start: SourcePosition) throws(SQLSyntaxError) -> Expression {
        index += negated ? 2 : 1
        let low = try parseExpression(.concat)
        try expectKeyword(.and)
        let high = try parseExpression(.concat)
        return .between(left, low: low, high: high, negated: negated, range(from: start))
    }

    /// `[NOT] IN (values)` or `[NOT] IN (query)`.
    private mutating func parseIn(left: Expression, negated: Bool, start: SourcePosition) throws(SQLSyntaxError) -> Expression {
        index += negated ? 2 : 1
        try expectSymbol("(")
        if Self.beginsQuery(currentKeyword) {
            let query = try parseQuery()
            try expectSymbol(")")
            return .inSubquery(left, query, negated: negated, range(from: start))
        }
        let values = try parseExpressionList()
        try expectSymbol(")")
        return .inList(left, values, negated: negated, range(from: start))
    }

    /// `[NOT] LIKE|ILIKE pattern [ESCAPE character]`.
    private mutating func parseLike(left: Expression, negated: Bool, caseInsensitive: Bool, start: SourcePosition) throws(SQLSyntaxError) -> Expression {
        index += negated ? 2 : 1
        let pattern = try parseExpression(.concat)
        let escape: Expression? = consumeKeyword(.escape) ? try parseExpression(.concat) : nil
        return .like(left, pattern: pattern, escape: escape, caseInsensitive: caseInsensitive, negated: negated, range(from: start))
    }
}
