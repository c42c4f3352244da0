extension Parser {
    // The functions here sit on the parser's recursive paths, so each stays small and hands the
    // work of one form to its own function: in unoptimized builds a frame holds every local of
    // every branch, and a wide frame repeated at each nesting level would exhaust the stack.

    /// A literal, name, parameter, call, parenthesized expression or keyword form
    /// (`CASE`, `CAST`, `EXISTS`, `EXTRACT`, `SUBSTRING`, `DATE '...'`, `INTERVAL '...'`).
    mutating func parsePrimary() throws(SQLSyntaxError) -> Expression {
        switch currentKind {
        case .integer, .decimal, .float, .string:
            return parseLiteralToken()
        case .positionalParameter, .numberedParameter:
            return .parameter(try parseParameter())
        case .symbol:
            guard isAtSymbol("(") else { throw unexpected(expected: "an expression") }
            return try parseParenthesized()
        case .word:
            return try parseWordExpression()
        case .quotedIdentifier:
            return try parseNameOrCall()
        case .endOfInput:
            throw unexpected(expected: "an expression")
        }
    }

    private mutating func parseLiteralToken() -> Expression {
        let token = take()
        switch token.kind {
        case .integer: return .literal(.integer(token.value), token.range)
        case .decimal: return .literal(.decimal(token.value), token.range)
        case .float: return .literal(.float(token.value), token.range)
        default: return .literal(.string(token.value), token.range)
        }
    }

    /// `(expression)` or `(query)`.
    private mutating func parseParenthesized() throws(SQLSyntaxError) -> Expression {
        let start = takeStart()
        if Self.beginsQuery(currentKeyword) {
            let query = try parseQuery()
            try expectSymbol(")")
            return .subquery(query, range(from: start))
        }
        let inner = try parseExpression()
        try expectSymbol(")")
        return inner
    }

    private mutating func parseParameter() throws(SQLSyntaxError) -> Parameter {
        let token = take()
        let style: Parameter.Style = token.kind == .positionalParameter ? .positional : .numbered
        if let committed = parameterStyle, committed != style {
            throw SQLSyntaxError("cannot mix '?' and '$n' parameters in one statement", at: token.range, found: token.text)
        }
        parameterStyle = style
        if style == .positional {
            positionalParameterCount += 1
            return Parameter(index: positionalParameterCount, style: .positional, range: token.range)
        }
        guard let number = Int(token.value), number >= 1 else {
            throw SQLSyntaxError("parameter numbers start at $1", at: token.range, found: token.text)
        }
        return Parameter(index: number, style: .numbered, range: token.range)
    }

    /// An expression starting with an unquoted word: a keyword form, a name or a call.
    private mutating func parseWordExpression() throws(SQLSyntaxError) -> Expression {
        let nextKind = peekKind()
        switch currentKeyword {
        case .true, .false, .null:
            return parseConstantKeyword()
        case .case:
            return .caseWhen(try parseCase())
        case .cast:
            return try parseCast()
        case .exists:
            return try parseExists()
        case .date where nextKind == .string, .timestamp where nextKind == .string:
            return parseTypedString()
        case .interval where nextKind == .string || nextKind == .integer || nextKind == .decimal:
            return try parseInterval()
        case .extract where peekIsSymbol("("):
            return try parseExtract()
        case .substring where peekIsSymbol("("):
            return try parseSubstring()
        case .some(let keyword) where keyword.isReserved:
            guard Self.reservedFunctionNames.contains(keyword.rawValue), peekIsSymbol("(") else {
                throw unexpected(expected: "an expression")
            }
            return try parseNameOrCall()
        default:
            return try parseNameOrCall()
        }
    }

    private mutating func parseConstantKeyword() -> Expression {
        let token = take()
        switch token.keyword {
        case .true: return .literal(.boolean(true), token.range)
        case .false: return .literal(.boolean(false), token.range)
        default: return .literal(.null, token.range)
        }
    }

    /// `DATE '...'` or `TIMESTAMP '...'`.
    private mutating func parseTypedString() -> Expression {
        let keywordToken = take()
        let text = take().value
        let range = range(from: keywordToken.range.start)
        return .literal(keywordToken.keyword == .date ? .date(text) : .timestamp(text), range)
    }

    /// `CAST(expression AS type)`.
    private mutating func parseCast() throws(SQLSyntaxError) -> Expression {
        let start = takeStart()
        try expectSymbol("(")
        let operand = try parseExpression()
        try expectKeyword(.as)
        let type = try parseDataType()
        try expectSymbol(")")
        return .cast(operand, type, range(from: start))
    }

    /// `EXISTS (query)`.
    private mutating func parseExists() throws(SQLSyntaxError) -> Expression {
        let start = takeStart()
        try expectSymbol("(")
        let query = try parseQuery()
        try expectSymbol(")")
        return .exists(query, range(from: start))
    }

    /// `INTERVAL '90' DAY`, `INTERVAL '1 day'`, or `INTERVAL 3 MONTH` (a number needs a unit).
    private mutating func parseInterval() throws(SQLSyntaxError) -> Expression {
        let start = takeStart()
        let valueToken = take()
        var unit: DateTimeField?
        if currentKind == .word, let field = DateTimeField(word: currentValue) {
            advance()
            unit = field
        } else if valueToken.kind != .string {
            throw unexpected(expected: "an interval unit such as DAY, MONTH or YEAR")
        }
        return .literal(.interval(IntervalLiteral(value: valueToken.value, unit: unit)), range(from: start))
    }

    /// `EXTRACT(field FROM expression)`; the field may also be a string (`'year'`).
    private mutating func parseExtract() throws(SQLSyntaxError) -> Expression {
        let start = takeStart()
        try expectSymbol("(")
        let field = try parseDateTimeField()
        try expectKeyword(.from)
        let operand = try parseExpression()
        try expectSymbol(")")
        return .extract(field, operand, range(from: start))
    }

    private mutating func parseDateTimeField() throws(SQLSyntaxError) -> DateTimeField {
        let token = current
        let name = token.kind == .word || token.kind == .string ? Lexer.asciiLowercased(token.value) : ""
        guard let field = DateTimeField(word: name) else {
            throw unexpected(expected: "a date part such as YEAR, MONTH or DAY")
        }
        advance()
        return field
    }

    /// `SUBSTRING(s FROM start [FOR length])`, `SUBSTRING(s FOR length)` or
    /// `substring(s, start[, length])`, all as the call `substring(s, start[, length])`.
    private mutating func parseSubstring() throws(SQLSyntaxError) -> Expression {
        let nameRange = take().range
        try expectSymbol("(")
        var arguments = [try parseExpression()]
        if consumeKeyword(.from) {
            arguments.append(try parseExpression())
            if consumeKeyword(.for) { arguments.append(try parseExpression()) }
        } else if consumeKeyword(.for) {
            arguments.append(.literal(.integer("1"), .unknown))
            arguments.append(try parseExpression())
        } else {
            while consumeSymbol(",") { arguments.append(try parseExpression()) }
        }
        try expectSymbol(")")
        let name = QualifiedName([Identifier("substring", range: nameRange)], range: nameRange)
        return .function(FunctionCall(name: name, arguments: arguments, range: range(from: nameRange.start)))
    }

    /// `CASE [operand] WHEN ... THEN ... [ELSE ...] END`.
    private mutating func parseCase() throws(SQLSyntaxError) -> CaseExpression {
        let start = takeStart()
        let operand: Expression? = isKeyword(.when) ? nil : try parseExpression()
        var branches: [CaseExpression.Branch] = []
        while consumeKeyword(.when) {
            branches.append(try parseCaseBranch())
        }
        if branches.isEmpty { throw unexpected(expected: "WHEN") }
        let elseResult: Expression? = consumeKeyword(.else) ? try parseExpression() : nil
        guard consumeKeyword(.end) else {
            throw unexpected(expected: elseResult == nil ? "WHEN, ELSE or END" : "END")
        }
        return CaseExpression(operand: operand, branches: branches, elseResult: elseResult, range: range(from: start))
    }

    private mutating func parseCaseBranch() throws(SQLSyntaxError) -> CaseExpression.Branch {
        let condition = try parseExpression()
        try expectKeyword(.then)
        let result = try parseExpression()
        return CaseExpression.Branch(condition: condition, result: result)
    }

    /// A column reference `a[.b...]`, or a call when a parenthesis follows the name.
    private mutating func parseNameOrCall() throws(SQLSyntaxError) -> Expression {
        let name = try parseExpressionName()
        if isAtSymbol("(") {
            return .function(try parseCall(name: name))
        }
        return .column(name)
    }

    /// A dotted name, or one of the reserved words that may name a function.
    private mutating func parseExpressionName() throws(SQLSyntaxError) -> QualifiedName {
        if currentKind == .word, Self.reservedFunctionNames.contains(currentValue) {
            let token = take()
            return QualifiedName([Identifier(token.value, range: token.range)], range: token.range)
        }
        let start = currentStart
        var parts = [try parseIdentifier()]
        while consumeSymbol(".") {
            parts.append(try parseIdentifier("a column name"))
        }
        return QualifiedName(parts, range: range(from: start))
    }
}
