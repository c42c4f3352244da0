import SQLParser
import Testing
@testable import SluiceCommandLine

@Suite struct SQLScriptSplitterTests {
    private func texts(_ script: String) -> [String] {
        SQLScriptSplitter.statements(in: script).map(\.text)
    }

    @Test func splitsAtSemicolonsAndKeepsALastStatementWithoutOne() {
        #expect(texts("SELECT 1; SELECT 2 ;\nSELECT 3") == ["SELECT 1", "SELECT 2 ", "SELECT 3"])
        #expect(texts("SELECT 1;") == ["SELECT 1"])
    }

    @Test func semicolonsInStringsNamesAndCommentsDoNotSplit() {
        let script = """
            SELECT 'a;b', 'it''s; fine' AS "x;y" -- not here; either
            FROM t /* nor ; here /* nested ; */ still ; comment */ WHERE a = ';';
            SELECT "q""uote;d" FROM u;
            """
        #expect(texts(script) == [
            "SELECT 'a;b', 'it''s; fine' AS \"x;y\" -- not here; either\nFROM t /* nor ; here /* nested ; */ still ; comment */ WHERE a = ';'",
            "SELECT \"q\"\"uote;d\" FROM u",
        ])
    }

    @Test func emptyStatementsAndCommentOnlyTextAreSkipped() {
        #expect(texts(";;  ; -- just a comment\n /* and; another */ ;") == [])
        #expect(texts("") == [])
        #expect(texts("SELECT 1;;SELECT 2; -- trailing") == ["SELECT 1", "SELECT 2"])
    }

    @Test func statementsStartAtTheirFirstTokenWithScriptPositions() {
        let statements = SQLScriptSplitter.statements(in: "SELECT 1; -- note\n  /* c */ SELECT 'é'; ∑;")
        #expect(statements.count == 3)
        #expect(statements[1].text == "SELECT 'é'")
        #expect(statements[1].start == SourcePosition(line: 2, column: 11, offset: 28))
        // Columns count Unicode scalars, bytes count UTF-8.
        #expect(statements[2].start == SourcePosition(line: 2, column: 23, offset: 41))
        #expect(statements[1].scriptPosition(SourcePosition(line: 1, column: 8, offset: 7))
                == SourcePosition(line: 2, column: 18, offset: 35))
        #expect(statements[1].scriptPosition(SourcePosition(line: 2, column: 3, offset: 20))
                == SourcePosition(line: 3, column: 3, offset: 48))
    }

    @Test func reportsWhatIsStillOpen() {
        let complete = SQLScriptSplitter.split("SELECT 1;  ")
        #expect(complete.statements.count == 1 && !complete.isWaitingForMore && complete.rest == "  ")
        let unterminated = SQLScriptSplitter.split("SELECT 1; SELECT\n  2")
        #expect(unterminated.statements.map(\.text) == ["SELECT 1"])
        #expect(unterminated.unterminated?.text == "SELECT\n  2" && unterminated.isWaitingForMore)
        #expect(unterminated.rest == " SELECT\n  2")
        for open in ["SELECT 'abc;", "SELECT \"a;", "/* comment; ", "SELECT 1 /* a /* b */ ;"] {
            let split = SQLScriptSplitter.split(open)
            #expect(split.statements.isEmpty && split.endsInsideQuoteOrComment && split.isWaitingForMore, "\(open)")
        }
        let lineComment = SQLScriptSplitter.split("SELECT 1; -- done")
        #expect(!lineComment.isWaitingForMore)
    }
}
