import SQL
import SQLParser
import SluiceCore
import Testing
@testable import SluiceCommandLine

/// Scripts as `sql -c` and `-f` run them: in order, stopping at the first failure, with errors
/// located in the script.
@Suite struct SQLStatementRunnerTests {
    private let executor = FakeSQLExecutor()
    private let captured = CapturedOutput()

    private func runner() -> SQLStatementRunner {
        SQLStatementRunner(executor: executor, output: captured.output, format: .table, errorPrefix: "sluice: ")
    }

    @Test func runsStatementsInOrderAndStopsAtTheFirstFailure() {
        executor.failures["SELECT 2"] = SluiceError.internal("boom")
        #expect(runner().runScript("SELECT 1; SELECT 2; SELECT 3") == .internal)
        #expect(executor.executed == ["SELECT 1", "SELECT 2"])
        #expect(captured.standard == "OK\n")
        #expect(captured.errors == "sluice: internal error: boom\n")
    }

    @Test func syntaxErrorsPointAtTheScriptLine() {
        let script = "SELECT 1;\n-- the second one\nSELECT a,\n       b FROM t WHERE );"
        #expect(runner().runScript(script, scriptName: "q.sql") == .userInput)
        #expect(executor.executed == ["SELECT 1"])
        #expect(captured.errors == """
            sluice: q.sql: syntax error at line 4, column 23: expected an expression after 'WHERE', found ')'
              4 |        b FROM t WHERE );
                |                       ^

            """)
    }

    @Test func syntaxErrorsOnTheStatementsFirstLineCountItsColumn() {
        #expect(runner().runScript("SELECT 1;   SELECT * FORM t") == .userInput)
        #expect(captured.errors.hasPrefix("sluice: syntax error at line 1, column 22:"), "\(captured.errors)")
        #expect(captured.errors.hasSuffix("  1 | SELECT 1;   SELECT * FORM t\n    |                      ^^^^\n"), "\(captured.errors)")
    }

    @Test func errorsWithoutAPlaceInTheStatementAreReportedPlainly() {
        executor.failures["SELECT x"] = SluiceError.data("bad page", at: SourceLocation(file: "a.parquet", byteOffset: 4))
        #expect(runner().runScript("SELECT x") == .data)
        #expect(captured.errors == "sluice: data error: a.parquet, byte offset 4: bad page\n")
    }

    @Test func engineErrorsWithByteOffsetsAreShifted() {
        let statement = SQLScriptStatement(text: "SELECT y", start: SourcePosition(line: 3, column: 5, offset: 30))
        let error = SluiceError.userInput("no column 'y'", at: SourceLocation(byteOffset: 7, line: 1, column: 8))
        let script = "\n\n    SELECT y"
        #expect(SQLErrorReport.text(for: error, statement: statement, script: script, scriptName: nil) == """
            error: line 3, column 12: no column 'y'
              3 |     SELECT y
                |            ^

            """)
    }

    @Test func progressIsWatchedOnlyWithABar() {
        let runner = runner()
        _ = runner.runScript("SELECT 1")
        runner.makeProgressBar = { ProgressBar(progress: $0, delaySeconds: 3600, widthColumns: 80) { _ in } }
        _ = runner.runScript("SELECT 2")
        #expect(executor.progressWasGiven == [false, true])
    }
}
