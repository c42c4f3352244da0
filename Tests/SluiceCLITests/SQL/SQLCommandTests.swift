import Foundation
import Testing

/// `sluice sql` run as a user runs it: exit codes, error reports and the piped shell. These
/// need no SQL engine: syntax is checked before a statement reaches it.
@Suite struct SQLCommandTests {
    /// Runs `sluice sql` with `arguments`, `input` on standard input, in a fresh folder that is
    /// also the warehouse and the home folder.
    static func sql(_ arguments: [String], input: String = "", in directory: ScratchDirectory? = nil) throws -> CLIEndToEndTests.Run {
        guard let binary = CLIEndToEndTests.binary else {
            throw CLITestSetupError("the sluice binary is not beside the test bundle; build it with `swift build --build-tests`")
        }
        let scratch = try directory ?? ScratchDirectory()
        let inputURL = scratch.url.appendingPathComponent("stdin")
        let outputURL = scratch.url.appendingPathComponent("stdout")
        let errorURL = scratch.url.appendingPathComponent("stderr")
        try Data(input.utf8).write(to: inputURL)
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let inputHandle = try FileHandle(forReadingFrom: inputURL)
        let outputHandle = try FileHandle(forWritingTo: outputURL)
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["sql"] + arguments
        process.currentDirectoryURL = scratch.url
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = scratch.path
        environment["SLUICE_WAREHOUSE"] = scratch.path + "/warehouse"
        process.environment = environment
        process.standardInput = inputHandle
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        try process.run()
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        process.waitUntilExit()
        watchdog.cancel()
        try inputHandle.close()
        try outputHandle.close()
        try errorHandle.close()
        return CLIEndToEndTests.Run(status: process.terminationStatus,
                                    standardOutput: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
                                    standardError: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }

    @Test func helpExitsZero() throws {
        let run = try Self.sql(["--help"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("USAGE: sluice sql"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("--memory-limit"))
    }

    @Test func syntaxErrorExitsOneWithACaret() throws {
        let run = try Self.sql(["-c", "-- a comment first\nSELECT a,\n  b FROM t WHERE )"])
        #expect(run.status == 1)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError == """
            sluice: syntax error at line 3, column 18: expected an expression after 'WHERE', found ')'
              3 |   b FROM t WHERE )
                |                  ^

            """)
    }

    @Test func scriptFileErrorsNameTheFile() throws {
        let directory = try ScratchDirectory()
        try "SELECT 'a;b' /* ; */ FRM t;\n".write(toFile: directory.path + "/q.sql", atomically: true, encoding: .utf8)
        let run = try Self.sql(["-f", "q.sql"], in: directory)
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("sluice: q.sql: syntax error at line 1, column 26:"), "\(run.standardError)")
        let missing = try Self.sql(["-f", "missing.sql"], in: directory)
        #expect(missing.status == 1 && missing.standardError == "sluice: error: 'missing.sql' not found\n")
    }

    @Test(arguments: [
        (["-c", "SELECT 1", "-f", "q.sql"], "give -c or -f, not both"),
        (["--threads", "0", "-c", "SELECT 1"], "--threads must be 1 or more"),
        (["--memory-limit", "lots", "-c", "SELECT 1"], "--memory-limit 'lots' is not a size"),
        (["--format", "html", "-c", "SELECT 1"], "html"),
    ])
    func badOptionsExitOne(arguments: [String], message: String) throws {
        let run = try Self.sql(arguments)
        #expect(run.status == 1, "\(run.standardError)")
        #expect(run.standardError.contains(message), "\(run.standardError)")
    }

    @Test func pipedShellRunsDotCommandsWithoutPrompts() throws {
        let run = try Self.sql([], input: ".help\n.mode csv\n.tables\n.timer on\n.quit\n.help\n")
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.hasPrefix("Statements end with ';'"), "\(run.standardOutput)")
        #expect(run.standardOutput.components(separatedBy: ".quit").count == 2)  // .help ran once: .quit stopped it.
        #expect(!run.standardOutput.contains("sluice> ") && run.standardError.isEmpty)
    }

    @Test func pipedShellGoesOnAfterErrorsAndExitsOne() throws {
        let run = try Self.sql([], input: ".frobnicate\nSELECT * FROM WHERE;\n.help\n")
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("error: unknown command '.frobnicate'; .help lists the commands\nsyntax error at line 1, column 15:"),
                "\(run.standardError)")
        #expect(run.standardOutput.hasPrefix("Statements end with ';'"))
    }

    @Test func emptyInputIsASuccess() throws {
        let run = try Self.sql([], input: "")
        #expect(run.status == 0 && run.standardOutput.isEmpty && run.standardError.isEmpty)
        let blank = try Self.sql(["-c", "  -- nothing to run\n;;"])
        #expect(blank.status == 0 && blank.standardOutput.isEmpty && blank.standardError.isEmpty)
    }
}

/// `sluice sql` against the SQL engine. These pass once the engine answers `SQLSession.execute`
/// (until then every statement fails with an internal error, exit code 2).
@Suite struct SQLCommandEngineTests {
    @Test func selectPrintsEachResultInTheFormatAsked() throws {
        let run = try SQLCommandTests.sql(["-c", "SELECT 1 AS x; SELECT 'a;b' AS y", "--format", "csv"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == "x\n1\ny\na;b\n")
    }

    @Test func pipedShellRunsStatementsAcrossLines() throws {
        let run = try SQLCommandTests.sql([], input: ".mode json\nSELECT\n  2 AS n;\n")
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == "{\"n\":2}\n")
    }

    @Test(arguments: ["SELECT CAST('abc' AS INTEGER)", "SELECT 1;\nSELECT no_such_column"])
    func badQueriesExitOne(sql: String) throws {
        let run = try SQLCommandTests.sql(["-c", sql])
        #expect(run.status == 1, "\(run.standardError)")
        #expect(run.standardError.hasPrefix("sluice: error") || run.standardError.hasPrefix("sluice: data error"),
                "\(run.standardError)")
    }
}
