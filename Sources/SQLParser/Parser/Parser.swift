/// A recursive-descent parser from SQL text to syntax trees (`Statement`, `Query`, `Expression`).
///
/// Expressions are parsed by precedence climbing over the levels of `Precedence`. Every node
/// records its source range. The parser never traps on bad input: any text yields a tree or an
/// `SQLSyntaxError`, and nesting (parentheses, subqueries, operator chains) deeper than
/// `nestingDepthMax`, or needing more than `stackBytesMax` of stack, is an error rather than a
/// stack overflow. Call it from a thread with a few MiB of stack (Linux threads have 8 MiB).
/// A value type: use one per text, from one thread at a time; the static entry points do this.
public struct Parser {
    /// The default bound on nesting, the same order as other engines allow.
    public static let nestingDepthMaxDefault = 500

    /// The stack one parse may use, a second bound beside `nestingDepthMax`. Frames are several
    /// times larger in unoptimized builds, where this bound can stop a deep parse first; either way
    /// the error is "nests too deeply", never a stack overflow. 2 MiB leaves most of a default
    /// 8 MiB thread stack to the caller and to the code that walks the tree afterwards.
    static let stackBytesMax = 2 << 20

    /// Reserved words that may still name a function, because a parenthesis follows.
    static let reservedFunctionNames: Set<String> = ["left", "right"]

    var tokens: [Token]
    var index = 0
    let nestingDepthMax: Int
    var depth = 0
    /// The lowest stack address parsing may reach: `stackBytesMax` below where it started.
    let stackLimitAddress: UInt
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
        let stackStart = Self.currentStackAddress()
        stackLimitAddress = stackStart > UInt(Self.stackBytesMax) ? stackStart - UInt(Self.stackBytesMax) : 0
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
    //
    // Parse functions read the current token through these accessors rather than copying whole
    // tokens: in unoptimized builds every copy takes its own slot in the caller's frame, and the
    // frames of the recursive descent repeat at every nesting level.

    var current: Token { tokens[index] }
    var currentKind: Token.Kind { tokens[index].kind }
    var currentKeyword: Keyword? { tokens[index].keyword }
    var currentValue: String { tokens[index].value }
    var currentStart: SourcePosition { tokens[index].range.start }
    var currentRange: SourceRange { tokens[index].range }

    /// The token `ahead` places after the current one, or the end-of-input token past the end.
    func peek(_ ahead: Int = 1) -> Token {
        tokens[min(index + ahead, tokens.count - 1)]
    }

    func peekKind(_ ahead: Int = 1) -> Token.Kind { peek(ahead).kind }
    func peekKeyword(_ ahead: Int = 1) -> Keyword? { peek(ahead).keyword }
    func peekIsSymbol(_ symbol: String, _ ahead: Int = 1) -> Bool { peek(ahead).isSymbol(symbol) }

    var isAtEnd: Bool { tokens[index].kind == .endOfInput }

    func isAtSymbol(_ symbol: String) -> Bool {
        tokens[index].isSymbol(symbol)
    }

    /// Moves past the current token, unless it is the end of input.
    mutating func advance() {
        if tokens[index].kind != .endOfInput { index += 1 }
    }

    /// The current token, moving past it.
    mutating func take() -> Token {
        let token = tokens[index]
        advance()
        return token
    }

    /// Where the current token starts, moving past it.
    mutating func takeStart() -> SourcePosition {
        let start = tokens[index].range.start
        advance()
        return start
    }

    /// Where the last consumed token ends: the end of the node being built.
    var previousEnd: SourcePosition {
        index > 0 ? tokens[index - 1].range.end : tokens[index].range.start
    }

    /// The range from `start` to the end of the last consumed token.
    func range(from start: SourcePosition) -> SourceRange {
        SourceRange(start: start, end: max(start, previousEnd))
    }

    func isKeyword(_ keyword: Keyword) -> Bool {
        tokens[index].keyword == keyword
    }

    mutating func consumeKeyword(_ keyword: Keyword) -> Bool {
        guard tokens[index].keyword == keyword else { return false }
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

    mutating func expectKeyword(_ keyword: Keyword) throws(SQLSyntaxError) {
        guard tokens[index].keyword == keyword else { throw unexpected(expected: keyword.sql) }
        advance()
    }

    mutating func consumeSymbol(_ symbol: String) -> Bool {
        guard tokens[index].isSymbol(symbol) else { return false }
        advance()
        return true
    }

    mutating func expectSymbol(_ symbol: String) throws(SQLSyntaxError) {
        guard tokens[index].isSymbol(symbol) else { throw unexpected(expected: "'\(symbol)'") }
        advance()
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
        SQLSyntaxError(message, at: range ?? currentRange, found: isAtEnd ? nil : current.text)
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
        if Self.currentStackAddress() < stackLimitAddress {
            throw error("query nests too deeply: its parentheses, subqueries or chained operators need more than \(Self.stackBytesMax >> 20) MiB of parser stack")
        }
    }

    /// An address in the caller's stack frame; the stack grows toward lower addresses on every
    /// platform Sluice runs on.
    @inline(never)
    static func currentStackAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    // MARK: - Names

    /// Whether the current token can be a name: a quoted identifier or an unreserved word.
    var isAtIdentifier: Bool {
        switch tokens[index].kind {
        case .quotedIdentifier: return true
        case .word: return !(tokens[index].keyword?.isReserved ?? false)
        default: return false
        }
    }

    /// A name; with `allowingReserved`, any word, as after `AS` where no ambiguity can arise.
    mutating func parseIdentifier(_ what: String = "a name", allowingReserved: Bool = false) throws(SQLSyntaxError) -> Identifier {
        guard isAtIdentifier || (allowingReserved && currentKind == .word) else {
            throw unexpected(expected: what)
        }
        let token = take()
        return Identifier(token.value, isQuoted: token.kind == .quotedIdentifier, range: token.range)
    }

    /// `name[.name...]`.
    mutating func parseQualifiedName(_ what: String) throws(SQLSyntaxError) -> QualifiedName {
        let start = currentStart
        var parts = [try parseIdentifier(what)]
        while consumeSymbol(".") {
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
