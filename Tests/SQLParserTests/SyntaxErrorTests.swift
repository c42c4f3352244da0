import Testing
@testable import SQLParser
import SluiceCore

@Suite struct SyntaxErrorTests {
    struct Case: Sendable, CustomStringConvertible {
        let sql: String
        let line: Int
        let column: Int
        let message: String
        var description: String { sql }
    }

    static let cases: [Case] = [
        Case(sql: "SELECT * FROM t WHERE )", line: 1, column: 23, message: "expected an expression after 'WHERE', found ')'"),
        Case(sql: "SELECT a,\nFROM t", line: 2, column: 1, message: "expected an expression after ',', found 'FROM'"),
        Case(sql: "SELECT * FROM t WHERE a = 'abc", line: 1, column: 27, message: "unterminated string literal: the opening ' has no closing '"),
        Case(sql: "SELECT \"abc FROM t", line: 1, column: 8, message: "unterminated quoted identifier: the opening \" has no closing \""),
        Case(sql: "SELECT 1 /* never closed", line: 1, column: 10, message: "unterminated comment: '/*' has no matching '*/'"),
        Case(sql: "SELECT 1e+ FROM t", line: 1, column: 8, message: "malformed number '1e+': the exponent has no digits"),
        Case(sql: "SELECT 12abc", line: 1, column: 8, message: "malformed number '12abc'"),
        Case(sql: "SELECT 1.2.3", line: 1, column: 8, message: "malformed number '1.2.3'"),
        Case(sql: "SELECT * FROM", line: 1, column: 14, message: "expected a table name, a quoted file path, a table function or '(' after 'FROM', found end of input"),
        Case(sql: "SELECT a FROM t GROUP a", line: 1, column: 23, message: "expected BY after 'GROUP', found 'a'"),
        Case(sql: "SELECT (a + b FROM t", line: 1, column: 15, message: "expected ')' after 'b', found 'FROM'"),
        Case(sql: "SELECT CASE WHEN a THEN 1", line: 1, column: 26, message: "expected WHEN, ELSE or END after '1', found end of input"),
        Case(sql: "SELECT *\nFROM t\nLEFT JOIN u\nWHERE x", line: 4, column: 1, message: "expected ON or USING after 'u', found 'WHERE'"),
        Case(sql: "SELECT CAST(a AS) FROM t", line: 1, column: 17, message: "expected a type name after 'AS', found ')'"),
        Case(sql: "SELECT a FROM t\nWHERE b IN ()", line: 2, column: 13, message: "expected an expression after '(', found ')'"),
        Case(sql: "SELECT a b c FROM t", line: 1, column: 12, message: "expected ';' or the end of the statement after 'b', found 'c'"),
        Case(sql: "UPDATE t SET a = 1", line: 1, column: 1, message: "expected a statement (SELECT, WITH, VALUES, CREATE, INSERT, DELETE, DROP, SHOW, DESCRIBE or EXPLAIN), found 'UPDATE'"),
        Case(sql: "CREATE TABLE t", line: 1, column: 15, message: "expected '(' or AS after 't', found end of input"),
        Case(sql: "SELECT ? + $1", line: 1, column: 12, message: "cannot mix '?' and '$n' parameters in one statement"),
        Case(sql: "SELECT $0", line: 1, column: 8, message: "parameter numbers start at $1"),
        Case(sql: "SELECT a ! b", line: 1, column: 10, message: "unexpected character '!'"),
        Case(sql: "SELECT EXTRACT(fortnight FROM d)", line: 1, column: 16, message: "expected a date part such as YEAR, MONTH or DAY after '(', found 'fortnight'"),
        Case(sql: "SELECT 1;\nSELECT 2 +;", line: 2, column: 11, message: "expected an expression after '+', found ';'"),
        Case(sql: "SELECT 'x' FROM t WHERE", line: 1, column: 24, message: "expected an expression after 'WHERE', found end of input"),
    ]

    @Test(arguments: cases)
    func reportsPositionAndExpectation(testCase: Case) throws {
        guard let error = syntaxError(testCase.sql) else { return }
        #expect(error.line == testCase.line)
        #expect(error.column == testCase.column)
        #expect(error.message == testCase.message)
        #expect(error.description == "syntax error at line \(testCase.line), column \(testCase.column): \(testCase.message)")
    }

    @Test func rendersTheLineWithACaretUnderTheToken() throws {
        let sql = "SELECT a\nFROM t\nWHERE )"
        let error = try #require(syntaxError(sql))
        #expect(error.found == ")" && error.expected == "an expression")
        #expect(error.render(source: sql) == """
            syntax error at line 3, column 7: expected an expression after 'WHERE', found ')'
              3 | WHERE )
                |       ^
            """)
    }

    @Test func caretsSpanTheWholeToken() throws {
        let sql = "SELECT a,\r\n  FROM t"
        let error = try #require(syntaxError(sql))
        #expect(error.render(source: sql) == """
            syntax error at line 2, column 3: expected an expression after ',', found 'FROM'
              2 |   FROM t
                |   ^^^^
            """)
    }

    @Test func caretsFollowTabsAndWideCharacters() throws {
        let sql = "SELECT\t'ü' FROM\t)"
        let error = try #require(syntaxError(sql))
        #expect(error.column == 17)
        #expect(error.render(source: sql) == "syntax error at line 1, column 17: expected a table name, a quoted file path, a table function or '(' after 'FROM', found ')'\n  1 | SELECT\t'ü' FROM\t)\n    |       \t        \t^")
    }

    @Test func endOfInputPointsPastTheLastCharacter() throws {
        let sql = "SELECT a FROM t ORDER BY"
        let error = try #require(syntaxError(sql))
        #expect(error.found == nil)
        #expect(error.render(source: sql).hasSuffix("\n  1 | SELECT a FROM t ORDER BY\n    |                         ^"))
    }

    @Test func convertsToASluiceErrorWithTheLocation() throws {
        let error = try #require(syntaxError("SELECT\n  )"))
        let converted = error.sluiceError
        #expect(converted.fault == .userInput)
        #expect(converted.location == SluiceCore.SourceLocation(byteOffset: 9, line: 2, column: 3))
        #expect(converted.description == "error: line 2, column 3, byte offset 9: syntax error: expected an expression after 'SELECT', found ')'")
    }
}
