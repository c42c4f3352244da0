import ArgumentParser
import SQL
import SluiceCore
#if canImport(Glibc)
import Glibc
#endif

/// `sluice sql`: runs SQL over the warehouse's tables and files, from `-c`, a script file, or
/// an interactive shell.
struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Run SQL over the warehouse's tables and files: a statement, a script, or a shell.",
        discussion: """
            With -c or -f, runs the statements (separated by ';') in order, printing each \
            result, and stops at the first that fails: exit code 1 for a mistake in the SQL or \
            the data, 2 for an internal error. Without them, starts a shell that reads \
            statements from the terminal (with line editing and a history in ~/.sluice_history) \
            or from piped standard input; type .help in it for its commands. In a shell fed by a \
            pipe, a failing statement is reported and the rest still run; the exit code is 1 if \
            any failed. Output formats: table (boxed, fitted to the terminal, at most 40 rows \
            shown), csv (RFC 4180), json (JSON lines: one object per row) and markdown.
            """
    )

    @OptionGroup var warehouse: WarehouseOptions

    // Unconditional: the SQL may start with "-" (a `--` comment) and must not be taken for an option.
    @Option(name: [.customShort("c"), .customLong("command")], parsing: .unconditional, help: ArgumentHelp("SQL statements to run.", valueName: "sql"))
    var command: String?

    @Option(name: [.customShort("f"), .customLong("file")], help: ArgumentHelp("A file of SQL statements to run.", valueName: "file.sql"))
    var file: String?

    @Option(help: "Output format: table, csv, json (JSON lines) or markdown.")
    var format: OutputFormat = .table

    @Option(help: "Threads a query may use (default: the number of cores).")
    var threads: Int?

    @Option(name: .customLong("memory-limit"), help: ArgumentHelp(
        "Memory a query may hold before it spills to disk, such as 2GB or 512MiB (default: 4GiB).", valueName: "size"))
    var memoryLimit: String?

    func validate() throws {
        if command != nil, file != nil { throw ValidationError("give -c or -f, not both") }
        if let threads, threads < 1 { throw ValidationError("--threads must be 1 or more") }
        if let memoryLimit {
            do {
                _ = try ByteCountText.parse(memoryLimit, optionName: "--memory-limit")
            } catch let error as SluiceError {
                throw ValidationError(error.message)
            }
        }
    }

    func run() throws {
        var context = ExecutionContext()
        if let threads { context.threadCount = threads }
        if let memoryLimit { context.memoryLimitBytes = try ByteCountText.parse(memoryLimit, optionName: "--memory-limit") }
        let script = try file.map(SQLCommand.readScript) ?? command
        let session = try SQLShellSession.open(warehouse: try warehouse.location(), context: context)
        let runner = SQLStatementRunner(executor: session, output: .standardStreams(), format: format,
                                        tableWidthMax: TerminalDevice.widthColumns(of: STDOUT_FILENO))
        if TerminalDevice.isTerminal(STDERR_FILENO) {
            let widthColumns = TerminalDevice.widthColumns(of: STDERR_FILENO)
            runner.makeProgressBar = { progress in
                ProgressBar(progress: progress, widthColumns: widthColumns) { writeStandardError($0) }
            }
        }
        if let script {
            runner.errorPrefix = "sluice: "
            if let fault = runner.runScript(script, scriptName: file) { throw ExitCode(SQLCommand.exitCode(for: fault)) }
            return
        }
        let isInteractive = TerminalDevice.isTerminal(STDIN_FILENO)
        let reader: any LineReader
        if isInteractive, let historyPath = ShellHistory.defaultPath() {
            reader = TerminalLineEditor(history: ShellHistory(path: historyPath))
        } else {
            reader = PlainLineReader(showsPrompt: isInteractive)
        }
        let hasSucceeded = SQLShell(runner: runner, reader: reader).run()
        // At a terminal, mistakes were seen and corrected; a piped script's caller needs to know.
        if !hasSucceeded, !isInteractive { throw ExitCode(SluiceExitCode.userError) }
    }

    /// The exit code for a statement that failed with a `fault`.
    static func exitCode(for fault: SluiceError.Fault) -> Int32 {
        fault == .internal ? SluiceExitCode.internalError : SluiceExitCode.userError
    }

    /// The text of a script file.
    /// - Throws: `SluiceError` (user input) naming the file when it cannot be read.
    static func readScript(_ path: String) throws -> String {
        let (fileSystem, resolvedPath) = try FileSystemRegistry.shared.resolve(path)
        guard fileSystem.exists(resolvedPath) else { throw SluiceError.userInput("'\(path)' not found") }
        return String(decoding: try fileSystem.readAll(resolvedPath), as: UTF8.self)
    }
}
