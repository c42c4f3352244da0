import SQL
import SQLParser
import SluiceCore

/// Runs statements one at a time and prints what each returns, for both `sql -c`/`-f` and the
/// shell: the syntax is checked first (so a syntax error points at the script's line), then the
/// statement runs, then its rows are rendered in `format`, or its message ("INSERT 3") printed.
/// A failure prints a report on the error stream.
///
/// Not `Sendable`: one thread drives it.
final class SQLStatementRunner {
    let executor: any SQLExecutor
    let output: SQLOutput
    /// How rows are printed; the shell's `.mode` changes it.
    var format: OutputFormat
    /// Whether "Run Time: 0.123 s" follows each statement (`.timer on`).
    var showsTimer = false
    /// The terminal columns a table may take.
    var tableWidthMax: Int
    /// Makes the progress bar of a statement, or nil when standard error is not a terminal.
    var makeProgressBar: ((QueryProgress) -> ProgressBar)?
    /// Put before each error report: "sluice: " for the command, nothing in the shell.
    var errorPrefix: String

    init(executor: any SQLExecutor, output: SQLOutput, format: OutputFormat,
         tableWidthMax: Int = TerminalDevice.fallbackWidthColumns, errorPrefix: String = "") {
        self.executor = executor
        self.output = output
        self.format = format
        self.tableWidthMax = tableWidthMax
        self.errorPrefix = errorPrefix
    }

    /// Runs the statements of `script` in order, stopping at the first that fails.
    /// - Parameter scriptName: the file the script came from, named in error reports.
    /// - Returns: whose fault the failure was, or nil when every statement succeeded.
    func runScript(_ script: String, scriptName: String? = nil) -> SluiceError.Fault? {
        for statement in SQLScriptSplitter.statements(in: script) {
            if let fault = run(statement, script: script, scriptName: scriptName) { return fault }
        }
        return nil
    }

    /// Runs one statement of `script` and prints its result or its error.
    /// - Returns: whose fault the failure was, or nil on success.
    @discardableResult
    func run(_ statement: SQLScriptStatement, script: String, scriptName: String? = nil) -> SluiceError.Fault? {
        let clock = ContinuousClock()
        let startedAt = clock.now
        do {
            _ = try Parser.parseStatement(statement.text)
            let result = try execute(statement.text)
            write(result)
            if showsTimer { output.write("Run Time: \(SQLStatementRunner.seconds(startedAt.duration(to: clock.now)))\n") }
            output.flush()
            return nil
        } catch {
            output.flush()
            output.writeError(errorPrefix + SQLErrorReport.text(for: error, statement: statement, script: script, scriptName: scriptName))
            return SQLStatementRunner.fault(of: error)
        }
    }

    /// Prints a result: its rows in the current format, or its message when it has no columns.
    func write(_ result: QueryResult) {
        if result.schema.count == 0 {
            if let message = result.message { output.write(message + "\n") }
            return
        }
        // A plan reads best as its indented lines, not cut to fit a table.
        if format == .table, result.schema.fields.map(\.name) == ["plan"] {
            for batch in result.batches {
                for row in 0..<batch.rowCount { output.write("\(batch.columns[0][row])\n") }
            }
            return
        }
        var renderer = ResultRenderer(format: format, schema: result.schema,
                                      tableOptions: .init(tableWidthMax: tableWidthMax)) { [output] in output.write($0) }
        for batch in result.batches { renderer.append(batch) }
        renderer.finish()
    }

    private func execute(_ sql: String) throws -> QueryResult {
        guard let makeProgressBar else { return try executor.execute(sql, progress: nil) }
        let progress = QueryProgress()
        let bar = makeProgressBar(progress)
        bar.start()
        defer { bar.stop() }
        return try executor.execute(sql, progress: progress)
    }

    /// Whose fault an error from a statement is: syntax errors are the user's, anything that is
    /// not a `SluiceError` is a bug.
    static func fault(of error: any Error) -> SluiceError.Fault {
        if error is SQLSyntaxError { return .userInput }
        return (error as? SluiceError)?.fault ?? .internal
    }

    /// A duration as seconds with three decimals: "0.123 s".
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + (attoseconds + 500_000_000_000_000) / 1_000_000_000_000_000
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction) s"
    }
}
