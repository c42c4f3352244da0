extension Parser {
    /// The rest of a call after its name: `([DISTINCT] arguments | *) [FILTER (WHERE ...)] [OVER (...)]`.
    mutating func parseCall(name: QualifiedName) throws(SQLSyntaxError) -> FunctionCall {
        let start = name.range.start
        try expectSymbol("(")
        var arguments: [Expression] = []
        var hasStarArgument = false
        var isDistinct = false
        if consumeSymbol("*") {
            hasStarArgument = true
        } else if !current.isSymbol(")") {
            isDistinct = consumeKeyword(.distinct)
            if !isDistinct { _ = consumeKeyword(.all) }
            arguments = try parseExpressionList()
        }
        try expectSymbol(")")
        var filter: Expression?
        if isKeyword(.filter), peek().isSymbol("(") {
            advance()
            advance()
            try expectKeyword(.where)
            filter = try parseExpression()
            try expectSymbol(")")
        }
        var window: WindowSpecification?
        if consumeKeyword(.over) {
            window = try parseWindowSpecification()
        }
        return FunctionCall(
            name: name, arguments: arguments, hasStarArgument: hasStarArgument, isDistinct: isDistinct,
            filter: filter, window: window, range: range(from: start)
        )
    }

    /// `([PARTITION BY ...] [ORDER BY ...] [frame])`.
    private mutating func parseWindowSpecification() throws(SQLSyntaxError) -> WindowSpecification {
        let start = try expectSymbol("(").range.start
        var partitionBy: [Expression] = []
        if consumeKeyword(.partition) {
            try expectKeyword(.by)
            partitionBy = try parseExpressionList()
        }
        var orderBy: [OrderByItem] = []
        if consumeKeyword(.order) {
            try expectKeyword(.by)
            orderBy = try parseOrderByItems()
        }
        var frame: WindowFrame?
        if isKeyword(.rows) || isKeyword(.range) {
            frame = try parseWindowFrame()
        }
        try expectSymbol(")")
        return WindowSpecification(partitionBy: partitionBy, orderBy: orderBy, frame: frame, range: range(from: start))
    }

    /// `ROWS|RANGE BETWEEN bound AND bound` or `ROWS|RANGE bound`.
    private mutating func parseWindowFrame() throws(SQLSyntaxError) -> WindowFrame {
        let units: WindowFrame.Units = advance().keyword == .rows ? .rows : .range
        if consumeKeyword(.between) {
            let frameStart = try parseFrameBound()
            try expectKeyword(.and)
            let frameEnd = try parseFrameBound()
            return WindowFrame(units: units, start: frameStart, end: frameEnd)
        }
        return WindowFrame(units: units, start: try parseFrameBound(), end: nil)
    }

    private mutating func parseFrameBound() throws(SQLSyntaxError) -> WindowFrame.Bound {
        if consumeKeyword(.unbounded) {
            if consumeKeyword(.preceding) { return .unboundedPreceding }
            if consumeKeyword(.following) { return .unboundedFollowing }
            throw unexpected(expected: "PRECEDING or FOLLOWING")
        }
        if consumeKeywords(.current, .row) { return .currentRow }
        let offset = try parseExpression(.concat)
        if consumeKeyword(.preceding) { return .preceding(offset) }
        if consumeKeyword(.following) { return .following(offset) }
        throw unexpected(expected: "PRECEDING or FOLLOWING")
    }
}
