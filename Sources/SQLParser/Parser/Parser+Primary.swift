extension Parser {
    /// A literal, name, parameter, call, parenthesized expression or keyword form
    /// (`CASE`, `CAST`, `EXISTS`, `EXTRACT`, `SUBSTRING`, `DATE '...'`, `INTERVAL '...'`).
    mutating func parsePrimary() throws(SQLSyntaxError) -> Expression {
        let token = current
        let start = token.range.start
        switch token.kind {
        case .integer:
            advance()
            return .literal(.integer(token.value), token.range)
        case .decimal:
            advance()
            return .literal(.decimal(token.value), token.range)
        case .float:
            advance()
            return .literal(.float(token.value), token.range)
        case .string:
            advance()
            return .literal(.string(token.value), token.range)
        case .positionalParameter, .numberedParameter:
            return .parameter(try parseParameter())
        case .symbol where token.value == "(":
            advance()
            if Self.beginsQuery(current) {
                let query = try parseQuery()
                try expectSymbol(")")
                return .subquery(query, range(from: start))
            }
            let inner = try parseExpression()
            try expectSymbol(")")
            return inner
        case .word, .quotedIdentifier:
            if let keywordForm = try parseKeywordForm() { return keywordForm }
            guard isAtIdentifier || (Self.reservedFunctionNames.contains(token.value) && peek().isSymbol("(")) else {
                throw unexpected(expected: "an expression")
            }
            return try parseNameOrCall()
        default:
            throw unexpected(expected: "an expression")
        }
    }

    private mutating func parseParameter() throws(SQLSyntaxError) -> Parameter {
        let token = advance()
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

    /// The expression forms that start with a keyword, or nil when the word is an ordinary name.
    private mutating func parseKeywordForm() throws(SQLSyntaxError) -> Expression? {
        let token = current
        guard token.kind == .word, let keyword = token.keyword else { return nil }
        let start = token.range.start
        switch keyword {
        case .true, .false:
            advance()
            return .literal(.boolean(keyword == .true), token.range)
        case .null:
            advance()
            return .literal(.null, token.range)
        case .case:
            return .caseWhen(try parseCase())
        case .cast:
            advance()
            try expectSymbol("(")
            let operand = try parseExpression()
            try expectKeyword(.as)
            let type = try parseDataType()
            try expectSymbol(")")
            return .cast(operand, type, range(from: start))
        case .exists:
            advance()
            try expectSymbol("(")
            let query = try parseQuery()
            try expectSymbol(")")
            return .exists(query, range(from: start))
        case .date where peek().kind == .string:
            advance()
            return .literal(.date(advance().value), range(from: start))
        case .timestamp where peek().kind == .string:
            advance()
            return .literal(.timestamp(advance().value), range(from: start))
        case .interval where [.string, .integer, .decimal].contains(peek().kind):
            return try parseInterval()
        case .extract where peek().isSymbol("("):
            return try parseExtract()
        case .substring where peek().isSymbol("("):
            return try parseSubstring()
        default:
            return nil
        }
    }

    /// `INTERVAL '90' DAY`, `INTERVAL '1 day'`, or `INTERVAL 3 MONTH` (a number needs a unit).
    private mutating func parseInterval() throws(SQLSyntaxError) -> Expression {
        let start = advance().range.start
        let valueToken = advance()
        var unit: DateTimeField?
        if current.kind == .word, let field = DateTimeField(word: current.value) {
            advance()
            unit = field
        } else if valueToken.kind != .string {
            throw unexpected(expected: "an interval unit such as DAY, MONTH or YEAR")
        }
        return .literal(.interval(IntervalLiteral(value: valueToken.value, unit: unit)), range(from: start))
    }

    /// `EXTRACT(field FROM expression)`; the field may also be a string (`'year'`).
    private mutating func parseExtract() throws(SQLSyntaxError) -> Expression {
        let start = advance().range.start
        try expectSymbol("(")
        let fieldToken = current
        let fieldName = fieldToken.kind == .word || fieldToken.kind == .string ? Lexer.asciiLowercased(fieldToken.value) : ""
        guard let field = DateTimeField(word: fieldName) else {
            throw unexpected(expected: "a date part such as YEAR, MONTH or DAY")
        }
        advance()
        try expectKeyword(.from)
        let operand = try parseExpression()
        try expectSymbol(")")
        return .extract(field, operand, range(from: start))
    }

    /// `SUBSTRING(s FROM start [FOR length])`, `SUBSTRING(s FOR length)` or
    /// `substring(s, start[, length])`, all as the call `substring(s, start[, length])`.
    private mutating func parseSubstring() throws(SQLSyntaxError) -> Expression {
        let nameToken = advance()
        let start = nameToken.range.start
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
        let name = QualifiedName([Identifier("substring", range: nameToken.range)], range: nameToken.range)
        return .function(FunctionCall(name: name, arguments: arguments, range: range(from: start)))
    }

    /// `CASE [operand] WHEN ... THEN ... [ELSE ...] END`.
    private mutating func parseCase() throws(SQLSyntaxError) -> CaseExpression {
        let start = advance().range.start
        let operand: Expression? = isKeyword(.when) ? nil : try parseExpression()
        var branches: [CaseExpression.Branch] = []
        while consumeKeyword(.when) {
            let condition = try parseExpression()
            try expectKeyword(.then)
            let result = try parseExpression()
            branches.append(CaseExpression.Branch(condition: condition, result: result))
        }
        if branches.isEmpty { throw unexpected(expected: "WHEN") }
        let elseResult: Expression? = consumeKeyword(.else) ? try parseExpression() : nil
        guard consumeKeyword(.end) else {
            throw unexpected(expected: elseResult == nil ? "WHEN, ELSE or END" : "END")
        }
        return CaseExpression(operand: operand, branches: branches, elseResult: elseResult, range: range(from: start))
    }

    /// A column reference `a[.b...]`, or a call when a parenthesis follows the name.
    private mutating func parseNameOrCall() throws(SQLSyntaxError) -> Expression {
        let start = current.range.start
        var parts: [Identifier] = []
        if Self.reservedFunctionNames.contains(current.value), current.kind == .word {
            let token = advance()
            parts.append(Identifier(token.value, range: token.range))
        } else {
            parts.append(try parseIdentifier())
            while current.isSymbol(".") {
                advance()
                parts.append(try parseIdentifier("a column name"))
            }
        }
        let name = QualifiedName(parts, range: range(from: start))
        if current.isSymbol("(") {
            return .function(try parseCall(name: name))
        }
        return .column(name)
    }
}
