extension Parser {
    /// The rest of a call after its name: `([DISTINCT] arguments | *) [FILTER (WHERE ...)] [OVER (...)]`.
    mutating func parseCall(name: QualifiedName) throws(SQLSyntaxError) -> FunctionCall {
        try expectSymbol("(")
        var call = FunctionCall(name: name, arguments: [])
        if consumeSymbol("*") {
            call.hasStarArgument = true
        } else if !isAtSymbol(")") {
            call.isDistinct = consumeKeyword(.distinct)
            if !call.isDistinct { _ = consumeKeyword(.all) }
            call.arguments = try parseExpressionList()
        }
        try expectSymbol(")")
        if isKeyword(.filter), peekIsSymbol("(") {
            call.filter = try parseFilter()
        }
        if consumeKeyword(.over) {
            call.window = try parseWindowSpecification()
        }
        call.range = range(from: name.range.start)
        return call
    }

    /// `FILTER (WHERE condition)`.
    private mutating func parseFilter() throws(SQLSyntaxError) -> Expression {
        advance()
        advance()
        try expectKeyword(.where)
        let condition = try parseExpression()
        try expectSymbol(")")
        return condition
    }

    /// `([PARTITION BY ...] [ORDER BY ...] [frame])`.
    private mutating func parseWindowSpecification() throws(SQLSyntaxError) -> WindowSpecification {
        let start = currentStart
        try expectSymbol("(")
        var window = WindowSpecification(partitionBy: [], orderBy: [], frame: nil)
        if consumeKeyword(.partition) {
            try expectKeyword(.by)
            window.partitionBy = try parseExpressionList()
        }
        if consumeKeyword(.order) {
            try expectKeyword(.by)
            window.orderBy = try parseOrderByItems()
        }
        if isKeyword(.rows) || isKeyword(.range) {
            window.frame = try parseWindowFrame()
        }
        try expectSymbol(")")
        window.range = range(from: start)
        return window
    }

    /// `ROWS|RANGE BETWEEN bound AND bound` or `ROWS|RANGE bound`.
    private mutating func parseWindowFrame() throws(SQLSyntaxError) -> WindowFrame {
        let units: WindowFrame.Units = take().keyword == .rows ? .rows : .range
        guard consumeKeyword(.between) else {
            return WindowFrame(units: units, start: try parseFrameBound(), end: nil)
        }
        let frameStart = try parseFrameBound()
        try expectKeyword(.and)
        let frameEnd = try parseFrameBound()
        return WindowFrame(units: units, start: frameStart, end: frameEnd)
    }

    private mutating func parseFrameBound() throws(SQLSyntaxError) -> WindowFrame.Bound {
        // `unbounded` is a keyword here only before PRECEDING or FOLLOWING; otherwise it names a column.
        if consumeKeywords(.unbounded, .preceding) { return .unboundedPreceding }
        if consumeKeywords(.unbounded, .following) { return .unboundedFollowing }
        if consumeKeywords(.current, .row) { return .currentRow }
        let offset = try parseExpression(.concat)
        if consumeKeyword(.preceding) { return .preceding(offset) }
        if consumeKeyword(.following) { return .following(offset) }
        throw unexpected(expected: "PRECEDING or FOLLOWING")
    }
}
