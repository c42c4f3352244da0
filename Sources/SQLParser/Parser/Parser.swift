/// A recursive-descent parser from SQL text to syntax trees (`Statement`, `Query`, `Expression`).
///
/// Expressions are parsed by precedence climbing over the levels of `Precedence`. Every node
/// records its source range. The parser never traps on bad input: any text yields a tree or an
/// `SQLSyntaxError`, and nesting (parentheses, subqueries, operator chains) deeper than
/// `nestingDepthMax` is an error rather than a stack overflow. A value type: use one per text,
/// from one thread at a time; the static entry points do this for you.
public struct Parser {
    /// The default bound on nesting, the same order as other engines allow.
    public static let nestingDepthMaxDefault = 500

    /// Reserved words that may still name a function, because a parenthesis follows.
    static let reservedFunctionNames: Set<String> = ["left", "right"]

    var tokens: [Token]
    var index = 0
    let nestingDepthMax: Int
    var depth = 0
    /// How many `?` the current statement has used; the next one is this plus one.
    var positionalParameterCount = 0
    /// The parameter style the current statement committed to, to reject mixing `?` and `$n`.
    var parameterStyle: Parameter.Style?

    /// Lexes `sql` for parsing.
    ///
    /// - Throws: `SQLSyntaxError` when the text cannot be split into tokens.
    init(sql: String, nestingDepthMax: Int = Parser.nestingDepthMaxDefault) throws(SQLSyntaxError) {
        tokens = try Lexer.tokenize(sql)
        self.nestingDepthMax = nestingDepthMax
    }

    // MARK: - Entry points

    /// Every statement in `sql`, separated by `;` (empty statements are skipped).
    ///
    /// Parameters are numbered per statement.
    /// - Throws: `SQLSyntaxError` at the first error; nothing is returned then.
    public static func parseStatements(_ sql: String, nestingDepthMax: Int = nestingDepthMaxDefault) throws(SQLSyntaxError) -> [Statement] {
        var parser = try Parser(sql: sql, nestingDepthMax: nestingDepthMax)
        return try parser.parseStatementList()
    }

    /// The one statement in `sql`, which may end with `;`.
    ///
    /// - Throws: `SQLSyntaxError` if the text is not exactly one valid statement.
    public static func parseStatement(_ sql: String, nestingDepthMax: Int = nestingDepthMaxDefault) throws(SQLSyntaxError) -> Statement {
        var parser = try Parser(sql: sql, nestingDepthMax: nestingDepthMax)
        let statement = try parser.parseStatement()
        _ = parser.consumeSymbol(";")
        try parser.expectEndOfInput()
        return statement
    }

    /// The query in `sql` (`SELECT`, `WITH`, `VALUES` or a set operation), which may end with `;`.
    ///
    /// - Throws: `SQLSyntaxError` if the text is not exactly one valid query.
    public static func parseQuery(_ sql: String, nestingDepthMax: Int = nestingDepthMaxDefault) throws(SQLSyntaxError) -> Query {
        var parser = try Parser(sql: sql, nestingDepthMax: nestingDepthMax)
        let query = try parser.parseQuery()
        _ = parser.consumeSymbol(";")
        try parser.expectEndOfInput()
        return query
    }

    /// The scalar expression that is all of `sql`.
    ///
    /// - Throws: `SQLSyntaxError` if the text is not exactly one valid expression.
    public static func parseExpression(_ sql: String, nestingDepthMax: Int = nestingDepthMaxDefault) throws(SQLSyntaxError) -> Expression {
        var parser = try Parser(sql: sql, nestingDepthMax: nestingDepthMax)
        let expression = try parser.parseExpression()
        try parser.expectEndOfInput()
        return expression
    }

    // MARK: - Cursor

    var current: Token { tokens[index] }

    /// The token `ahead` places after the current one, or the end-of-input token past the end.
    func peek(_ ahead: Int = 1) -> Token {
        tokens[min(index + ahead, tokens.count - 1)]
    }

    var isAtEnd: Bool { current.kind == .endOfInput }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[index]
        if token.kind != .endOfInput { index += 1 }
        return token
    }

    /// Where the last consumed token ends: the end of the node being built.
    var previousEnd: SourcePosition {
        index > 0 ? tokens[index - 1].range.end : current.range.start
    }

    /// The range from `start` to the end of the last consumed token.
    func range(from start: SourcePosition) -> SourceRange {
        SourceRange(start: start, end: max(start, previousEnd))
    }

    func isKeyword(_ keyword: Keyword) -> Bool {
        current.keyword == keyword
    }

    mutating func consumeKeyword(_ keyword: Keyword) -> Bool {
        guard current.keyword == keyword else { return false }
        advance()
        return true
    }

    /// Consumes `keywords` in order if all are next; otherwise consumes nothing.
    mutating func consumeKeywords(_ keywords: Keyword...) -> Bool {
        for (offset, keyword) in keywords.enumerated() where peek(offset).keyword != keyword {
            return false
        }
        index += keywords.count
        return true
    }

    @discardableResult
    mutating func expectKeyword(_ keyword: Keyword) throws(SQLSyntaxError) -> Token {
        guard current.keyword == keyword else { throw unexpected(expected: keyword.sql) }
        return advance()
    }

    mutating func consumeSymbol(_ symbol: String) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        advance()
        return true
    }

    @discardableResult
    mutating func expectSymbol(_ symbol: String) throws(SQLSyntaxError) -> Token {
        guard current.isSymbol(symbol) else { throw unexpected(expected: "'\(symbol)'") }
        return advance()
    }

    mutating func expectEndOfInput() throws(SQLSyntaxError) {
        guard isAtEnd else { throw unexpected(expected: "the end of the statement") }
    }

    // MARK: - Errors and limits

    /// "expected X after 'previous', found 'current'", pointing at the current token.
    func unexpected(expected: String) -> SQLSyntaxError {
        let after = index > 0 ? " after '\(tokens[index - 1].text)'" : ""
        let found = current.kind == .endOfInput ? nil : current.text
        return SQLSyntaxError(
            "expected \(expected)\(after), found \(current)",
            at: current.range,
            found: found,
            expected: expected
        )
    }

    /// An error about the current token that is not a plain mismatch.
    func error(_ message: String, at range: SourceRange? = nil) -> SQLSyntaxError {
        SQLSyntaxError(message, at: range ?? current.range, found: current.kind == .endOfInput ? nil : current.text)
    }

    /// Counts one more level of nesting; callers undo it with `depth -= 1` when done.
    ///
    /// Every construct that can nest without bound passes here, so the parse stack, and the trees
    /// later code walks recursively, stay bounded.
    mutating func enterNesting() throws(SQLSyntaxError) {
        depth += 1
        if depth > nestingDepthMax {
            throw error("query nests too deeply: more than \(nestingDepthMax) levels of parentheses, subqueries or chained operators")
        }
    }

    // MARK: - Names

    /// Whether the current token can be a name: a quoted identifier or an unreserved word.
    var isAtIdentifier: Bool {
        switch current.kind {
        case .quotedIdentifier: return true
        case .word: return !(current.keyword?.isReserved ?? false)
        default: return false
        }
    }

    /// A name; with `allowingReserved`, any word, as after `AS` where no ambiguity can arise.
    mutating func parseIdentifier(_ what: String = "a name", allowingReserved: Bool = false) throws(SQLSyntaxError) -> Identifier {
        let token = current
        guard isAtIdentifier || (allowingReserved && token.kind == .word) else {
            throw unexpected(expected: what)
        }
        advance()
        return Identifier(token.value, isQuoted: token.kind == .quotedIdentifier, range: token.range)
    }

    /// `name[.name...]`.
    mutating func parseQualifiedName(_ what: String) throws(SQLSyntaxError) -> QualifiedName {
        let start = current.range.start
        var parts = [try parseIdentifier(what)]
        while current.isSymbol(".") {
            advance()
            parts.append(try parseIdentifier(what))
        }
        return QualifiedName(parts, range: range(from: start))
    }

    /// `(name, ...)`, at least one.
    mutating func parseParenthesizedIdentifiers(_ what: String) throws(SQLSyntaxError) -> [Identifier] {
        try expectSymbol("(")
        var names = [try parseIdentifier(what)]
        while consumeSymbol(",") {
            names.append(try parseIdentifier(what))
        }
        try expectSymbol(")")
        return names
    }
}
