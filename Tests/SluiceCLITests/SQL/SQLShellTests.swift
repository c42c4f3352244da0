import SQL
import SluiceCore
import Testing
@testable import SluiceCommandLine

/// The shell driven by scripted input against a fake engine.
@Suite struct SQLShellTests {
    private let executor = FakeSQLExecutor()
    private let captured = CapturedOutput()

    private func runShell(_ lines: [String]) -> (succeeded: Bool, reader: ScriptedLineReader) {
        runShell(lines.map { .line($0) })
    }

    private func runShell(_ inputs: [LineReadResult]) -> (succeeded: Bool, reader: ScriptedLineReader) {
        let reader = ScriptedLineReader(inputs)
        let runner = SQLStatementRunner(executor: executor, output: captured.output, format: .csv)
        return (SQLShell(runner: runner, reader: reader).run(), reader)
    }

    @Test func statementsSpanLinesAndRunAtTheirSemicolon() throws {
        executor.results["SELECT 1\n  + 1"] = try SQLTestData.result(Schema([Field("x", .int64)]), [[.int64(2)]])
        let (succeeded, reader) = runShell(["SELECT 1", "  + 1; SELECT", "'a;b'", ";", "", "-- only a comment"])
        #expect(succeeded)
        #expect(executor.executed == ["SELECT 1\n  + 1", "SELECT\n'a;b'\n"])
        // The text after the first `;` keeps the shell waiting until the second.
        #expect(reader.prompts == ["sluice> ", "   ...> ", "   ...> ", "   ...> ", "sluice> ", "sluice> ", "sluice> "])
        #expect(reader.remembered == ["SELECT 1\n  + 1;", "SELECT\n'a;b'\n;"])
        #expect(captured.standard == "x\n2\nOK\n")
    }

    @Test func errorsArePrintedAndTheShellGoesOn() {
        executor.failures["SELECT boom"] = SluiceError.data("division by zero")
        let (succeeded, _) = runShell(["SELECT boom;", "SELECT FROM WHERE;", "SELECT 2;"])
        #expect(!succeeded)
        #expect(executor.executed == ["SELECT boom", "SELECT 2"])  // The syntax error never reaches the engine.
        #expect(captured.errors.hasPrefix("data error: division by zero\nsyntax error at line 1, column "), "\(captured.errors)")
        #expect(captured.errors.contains("  1 | SELECT FROM WHERE;\n"), "\(captured.errors)")
        #expect(captured.standard == "OK\n")
    }

    @Test func engineErrorsPointIntoTheStatement() {
        executor.failures["SELECT\n  nope"] = SluiceError.userInput("no column 'nope'", at: SourceLocation(line: 2, column: 3))
        _ = runShell(["SELECT 1; SELECT", "  nope;"])
        #expect(captured.errors == """
            error: line 2, column 3: no column 'nope'
              2 |   nope;
                |   ^

            """)
    }

    @Test func ctrlCDropsThePendingStatement() {
        let (_, reader) = runShell([.line("SELECT"), .interrupted, .line("SELECT 3;")])
        #expect(executor.executed == ["SELECT 3"])
        #expect(reader.prompts.prefix(3) == ["sluice> ", "   ...> ", "sluice> "])
    }

    @Test func theEndOfInputRunsAStatementWithoutItsSemicolon() {
        _ = runShell(["SELECT 1;", "SELECT", "4"])
        #expect(executor.executed == ["SELECT 1", "SELECT\n4"])
    }

    @Test func quitStopsReading() {
        let (succeeded, reader) = runShell([".quit", "SELECT 1;"])
        #expect(succeeded && executor.executed.isEmpty && reader.prompts.count == 1)
    }

    @Test func dotCommandsListAndDescribeTablesAndSwitchModes() throws {
        executor.tables = [
            "orders": Schema([Field("id", .int64, nullable: false), Field("Total Due", .decimal(precision: 12, scale: 2)),
                              Field("order", .string)]),
            "cities": Schema([Field("name", .string)]),
        ]
        let schema = Schema([Field("n", .int64)])
        executor.results["SELECT n"] = try SQLTestData.result(schema, [[.int64(7)]])
        let (succeeded, _) = runShell([
            ".tables", ".schema orders", ".mode markdown", "SELECT n;", ".mode json", "SELECT n;", ".help", ".schema",
        ])
        #expect(succeeded, "\(captured.errors)")
        let createOrders = """
            CREATE TABLE orders (
                id INT64 NOT NULL,
                "Total Due" DECIMAL(12,2),
                "order" STRING
            );

            """
        let createCities = "CREATE TABLE cities (\n    name STRING\n);\n"
        #expect(captured.standard == "cities\norders\n" + createOrders + "| n |\n|---:|\n| 7 |\n" + "{\"n\":7}\n"
                + DotCommand.helpText + createCities + createOrders)
    }

    @Test func badDotCommandsAreReportedAndTheShellGoesOn() {
        let (succeeded, _) = runShell([".mode html", ".schema missing", "SELECT 1;"])
        #expect(!succeeded)
        #expect(captured.errors == "error: unknown mode 'html'; use one of table|csv|json|markdown\nerror: no table 'missing'\n")
        #expect(executor.executed == ["SELECT 1"])
    }

    @Test func timerPrintsTheRunTime() throws {
        _ = runShell([".timer on", "SELECT 1;", ".timer off", "SELECT 2;"])
        let lines = captured.standard.split(separator: "\n")
        #expect(lines.count == 3 && lines[0] == "OK" && lines[2] == "OK")
        let timer = String(lines[1])
        #expect(timer.hasPrefix("Run Time: ") && timer.hasSuffix(" s"), "\(timer)")
        #expect(SQLStatementRunner.seconds(.milliseconds(123)) == "0.123 s")
        #expect(SQLStatementRunner.seconds(.seconds(61) + .microseconds(4600)) == "61.005 s")
        #expect(SQLStatementRunner.seconds(.zero) == "0.000 s")
    }
}
