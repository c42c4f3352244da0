/// Splits SQL text into tokens, skipping whitespace and `--` and `/* */` comments.
///
/// The lexer works on UTF-8 bytes and tracks line, column and byte offset for every token, so
/// later errors point at the exact place. Non-ASCII letters may appear in names. A value type;
/// each call works on its own copy of the text.
public struct Lexer {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1

    /// Digits allowed in a `$n` parameter; more is surely a mistake and would overflow.
    static let parameterDigitCountMax = 6

    private init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// All tokens of `text`, ending with one `.endOfInput` token.
    ///
    /// - Throws: `SQLSyntaxError` for an unterminated string, quoted name or comment, a malformed
    ///   number, or a character that starts no token.
    public static func tokenize(_ text: String) throws(SQLSyntaxError) -> [Token] {
        var lexer = Lexer(text)
        var tokens: [Token] = []
        while true {
            let token = try lexer.nextToken()
            tokens.append(token)
            if token.kind == .endOfInput { return tokens }
        }
    }

    // MARK: - Cursor

    private var position: SourcePosition {
        SourcePosition(line: line, column: column, offset: index)
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        let at = index + ahead
        return at < bytes.count ? bytes[at] : nil
    }

    private mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            // Continuation bytes of a multi-byte scalar do not start a new column.
            column += 1
        }
        // Skip the remaining continuation bytes without counting them either.
        while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
    }

    private func text(from start: SourcePosition) -> String {
        String(decoding: bytes[start.offset..<index], as: UTF8.self)
    }

    private func makeToken(_ kind: Token.Kind, value: String? = nil, from start: SourcePosition) -> Token {
        let written = text(from: start)
        return Token(kind: kind, value: value ?? written, text: written, range: SourceRange(start: start, end: position))
    }

    private func error(_ message: String, from start: SourcePosition) -> SQLSyntaxError {
        let written = text(from: start)
        return SQLSyntaxError(message, at: SourceRange(start: start, end: position), found: written.isEmpty ? nil : written)
    }

    // MARK: - Tokens

    private mutating func nextToken() throws(SQLSyntaxError) -> Token {
        try skipWhitespaceAndComments()
        let start = position
        guard let byte = peek() else {
            return Token(kind: .endOfInput, value: "", text: "", range: SourceRange(start: start, end: start))
        }
        switch byte {
        case UInt8(ascii: "'"):
            let value = try quoted(by: byte, from: start, what: "string literal")
            return makeToken(.string, value: value, from: start)
        case UInt8(ascii: "\""):
            let value = try quoted(by: byte, from: start, what: "quoted identifier")
            if value.isEmpty { throw error("a quoted identifier cannot be empty", from: start) }
            return makeToken(.quotedIdentifier, value: value, from: start)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try number(from: start)
        case UInt8(ascii: "."):
            if let next = peek(1), Self.isDigit(next) { return try number(from: start) }
            advance()
            return makeToken(.symbol, from: start)
        case UInt8(ascii: "?"):
            advance()
            return makeToken(.positionalParameter, from: start)
        case UInt8(ascii: "$"):
            return try numberedParameter(from: start)
        default:
            if Self.isIdentifierStart(byte) {
                while let next = peek(), Self.isIdentifierPart(next) { advance() }
                let written = text(from: start)
                return makeToken(.word, value: Self.asciiLowercased(written), from: start)
            }
            return try symbol(from: start)
        }
    }

    private mutating func skipWhitespaceAndComments() throws(SQLSyntaxError) {
        while let byte = peek() {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                advance()
            } else if byte == UInt8(ascii: "-"), peek(1) == UInt8(ascii: "-") {
                while let next = peek(), next != UInt8(ascii: "\n") { advance() }
            } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                try skipBlockComment()
            } else {
                return
            }
        }
    }

    /// Skips a `/* */` comment; comments nest, as in PostgreSQL, so commenting out a block that
    /// holds a comment works.
    private mutating func skipBlockComment() throws(SQLSyntaxError) {
        let start = position
        advance()
        advance()
        var nesting = 1
        while nesting > 0 {
            guard let byte = peek() else {
                throw SQLSyntaxError(
                    "unterminated comment: '/*' has no matching '*/'",
                    at: SourceRange(start: start, end: SourcePosition(line: start.line, column: start.column + 2, offset: start.offset + 2)),
                    found: "/*"
                )
            }
            if byte == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                advance()
                advance()
                nesting -= 1
            } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                advance()
                advance()
                nesting += 1
            } else {
                advance()
            }
        }
    }

    /// The content of a literal quoted by `quote`, where a doubled quote stands for one.
    private mutating func quoted(by quote: UInt8, from start: SourcePosition, what: String) throws(SQLSyntaxError) -> String {
        advance()
        var content: [UInt8] = []
        while true {
            guard let byte = peek() else {
                let quoteText = quote == UInt8(ascii: "'") ? "'" : "\""
                throw SQLSyntaxError(
                    "unterminated \(what): the opening \(quoteText) has no closing \(quoteText)",
                    at: SourceRange(start: start, end: SourcePosition(line: start.line, column: start.column + 1, offset: start.offset + 1)),
                    found: quoteText
                )
            }
            if byte == quote {
                advance()
                if peek() == quote {
                    content.append(quote)
                    advance()
                    continue
                }
                return String(decoding: content, as: UTF8.self)
            }
            let scalarStart = index
            advance()
            content.append(contentsOf: bytes[scalarStart..<index])
        }
    }

    /// An integer (`42`), decimal (`0.05`, `.5`, `7.`) or float (`1e10`, `2.5E-3`).
    private mutating func number(from start: SourcePosition) throws(SQLSyntaxError) -> Token {
        var kind = Token.Kind.integer
        while let byte = peek(), Self.isDigit(byte) { advance() }
        if peek() == UInt8(ascii: ".") {
            kind = .decimal
            advance()
            while let byte = peek(), Self.isDigit(byte) { advance() }
        }
        if let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            kind = .float
            advance()
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { advance() }
            guard let digit = peek(), Self.isDigit(digit) else {
                throw malformedNumber(from: start, reason: "the exponent has no digits")
            }
            while let byte = peek(), Self.isDigit(byte) { advance() }
        }
        if let byte = peek(), Self.isIdentifierPart(byte) || byte == UInt8(ascii: ".") {
            throw malformedNumber(from: start, reason: nil)
        }
        return makeToken(kind, from: start)
    }

    private mutating func malformedNumber(from start: SourcePosition, reason: String?) -> SQLSyntaxError {
        // Take in the rest of the would-be number so the message shows all of it.
        while let byte = peek(), Self.isIdentifierPart(byte) || byte == UInt8(ascii: ".") { advance() }
        let written = text(from: start)
        let because = reason.map { ": \($0)" } ?? ""
        return error("malformed number '\(written)'\(because)", from: start)
    }

    private mutating func numberedParameter(from start: SourcePosition) throws(SQLSyntaxError) -> Token {
        advance()
        guard let first = peek(), Self.isDigit(first) else {
            throw error("expected a parameter number after '$'", from: start)
        }
        while let byte = peek(), Self.isDigit(byte) { advance() }
        if let byte = peek(), Self.isIdentifierPart(byte) {
            throw error("malformed parameter '\(text(from: start))'", from: start)
        }
        let digits = String(text(from: start).dropFirst())
        guard digits.count <= Self.parameterDigitCountMax else {
            throw error("parameter number \(digits) is too large", from: start)
        }
        return makeToken(.numberedParameter, value: digits, from: start)
    }

    private mutating func symbol(from start: SourcePosition) throws(SQLSyntaxError) -> Token {
        let byte = peek()!
        let next = peek(1)
        let twoByteSymbols: [(UInt8, UInt8)] = [
            (UInt8(ascii: "<"), UInt8(ascii: "=")), (UInt8(ascii: "<"), UInt8(ascii: ">")),
            (UInt8(ascii: ">"), UInt8(ascii: "=")), (UInt8(ascii: "!"), UInt8(ascii: "=")),
            (UInt8(ascii: "|"), UInt8(ascii: "|")), (UInt8(ascii: ":"), UInt8(ascii: ":")),
        ]
        if let next, twoByteSymbols.contains(where: { $0.0 == byte && $0.1 == next }) {
            advance()
            advance()
            return makeToken(.symbol, from: start)
        }
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: ";"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"),
             UInt8(ascii: "%"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"):
            advance()
            return makeToken(.symbol, from: start)
        default:
            advance()
            throw error("unexpected character '\(text(from: start))'", from: start)
        }
    }

    // MARK: - Character classes

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Letters, underscore and any non-ASCII scalar start a name.
    @inline(__always)
    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    @inline(__always)
    static func isIdentifierPart(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte) || byte == UInt8(ascii: "$")
    }

    /// Lowercases ASCII letters only: SQL folds unquoted names, and folding other scripts by
    /// locale rules would make the same query mean different things on different machines.
    static func asciiLowercased(_ text: String) -> String {
        var utf8 = Array(text.utf8)
        for position in utf8.indices where utf8[position] >= UInt8(ascii: "A") && utf8[position] <= UInt8(ascii: "Z") {
            utf8[position] |= 0x20
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}
