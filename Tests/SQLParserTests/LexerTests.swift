import Testing
@testable import SQLParser

@Suite struct LexerTests {
    private func kindsAndValues(_ sql: String) throws -> [String] {
        try Lexer.tokenize(sql).dropLast().map { "\($0.kind):\($0.value)" }
    }

    @Test func classifiesTokens() throws {
        #expect(try kindsAndValues("SELECT \"Ab\"\"c\", 'it''s', 42, 0.05, .5, 1e-3, ?, $12 FROM t.x;") == [
            "word:select", "quotedIdentifier:Ab\"c", "symbol:,", "string:it's", "symbol:,", "integer:42", "symbol:,",
            "decimal:0.05", "symbol:,", "decimal:.5", "symbol:,", "float:1e-3", "symbol:,", "positionalParameter:?",
            "symbol:,", "numberedParameter:12", "word:from", "word:t", "symbol:.", "word:x", "symbol:;",
        ])
        #expect(try kindsAndValues("<= <> >= != || :: < > = + - * / %").map { $0.replacingSymbolPrefix() } == [
            "<=", "<>", ">=", "!=", "||", "::", "<", ">", "=", "+", "-", "*", "/", "%",
        ])
    }

    @Test func foldsUnquotedWordsToLowercaseOnly() throws {
        let tokens = try Lexer.tokenize("SeLeCt Größe \"Größe\" ÉTÉ")
        #expect(tokens.map(\.value) == ["select", "größe", "Größe", "ÉtÉ", ""])
        #expect(tokens[0].keyword == .select && tokens[0].text == "SeLeCt")
        #expect(tokens[2].keyword == nil)
    }

    @Test func tracksLinesColumnsAndOffsets() throws {
        let tokens = try Lexer.tokenize("a\n  bc -- note\n/* x\ny */ 'é' d")
        #expect(tokens.map(\.range.start) == [
            SourcePosition(line: 1, column: 1, offset: 0),
            SourcePosition(line: 2, column: 3, offset: 4),
            SourcePosition(line: 4, column: 6, offset: 25),
            SourcePosition(line: 4, column: 10, offset: 30),
            SourcePosition(line: 4, column: 11, offset: 31),
        ])
        #expect(tokens[1].range.end == SourcePosition(line: 2, column: 5, offset: 6))
        #expect(tokens[2].range.end == SourcePosition(line: 4, column: 9, offset: 29))
    }

    @Test func skipsNestedComments() throws {
        #expect(try kindsAndValues("1 /* a /* b */ c */ 2 -- end") == ["integer:1", "integer:2"])
        #expect(try kindsAndValues("1--2\n3") == ["integer:1", "integer:3"])
        #expect(try kindsAndValues("1 - -2") == ["integer:1", "symbol:-", "symbol:-", "integer:2"])
    }

    @Test func stringsMaySpanLines() throws {
        let tokens = try Lexer.tokenize("'a\nb' x")
        #expect(tokens[0].value == "a\nb")
        #expect(tokens[1].range.start == SourcePosition(line: 2, column: 4, offset: 6))
    }

    @Test func rejectsMalformedInput() {
        let bad = ["'open", "\"open", "/* open", "1e", "1e+", "3x", "1.2.3", "$", "$x", "$1a", "$1234567", "#", "a ! b", "a | b", "a : b", "\"\"", "{", "`t`"]
        for text in bad {
            #expect(throws: SQLSyntaxError.self, "\(text)") { try Lexer.tokenize(text) }
        }
    }

    @Test func emptyInputIsJustTheEnd() throws {
        let tokens = try Lexer.tokenize("  \n\t ")
        #expect(tokens.count == 1 && tokens[0].kind == .endOfInput)
        #expect(tokens[0].range.start == SourcePosition(line: 2, column: 3, offset: 5))
    }
}

private extension String {
    func replacingSymbolPrefix() -> String {
        hasPrefix("symbol:") ? String(dropFirst("symbol:".count)) : self
    }
}
