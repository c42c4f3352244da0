import Foundation

/// Runs external programs through `/usr/bin/env`, so they are found on `PATH` the way a shell
/// would find them, and collects their exit status and output.
///
/// Output goes to files rather than pipes: pip and the scripts can print more than a pipe
/// buffer holds, and a child blocked on a full pipe would never exit.
enum CommandRunner {
    struct Result: Sendable {
        let arguments: [String]
        let exitStatus: Int32
        let standardOutput: String
        let standardError: String

        /// The command line, its status and both outputs (the tail of long ones), for failure messages.
        var report: String {
            """
            command: \(arguments.joined(separator: " "))
            exit status: \(exitStatus)
            --- stdout ---
            \(Result.tail(standardOutput))
            --- stderr ---
            \(Result.tail(standardError))
            """
        }

        private static func tail(_ text: String, characterCountMax: Int = 12_000) -> String {
            text.count <= characterCountMax ? text : "[...]\n" + String(text.suffix(characterCountMax))
        }
    }

    /// Runs `arguments` (program first) and returns whatever happened.
    /// - Parameter environment: variables to set on top of this process's environment.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try TemporaryDirectory.with { directory in
            let outputPath = directory + "/stdout"
            let errorPath = directory + "/stderr"
            guard FileManager.default.createFile(atPath: outputPath, contents: nil),
                  FileManager.default.createFile(atPath: errorPath, contents: nil) else {
                throw InteropFailure("cannot create output files in \(directory)")
            }
            let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
            let error = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            var variables = ProcessInfo.processInfo.environment
            // A caller's Python settings must not leak into the virtual environment's interpreter.
            variables["PYTHONPATH"] = nil
            variables["PYTHONHOME"] = nil
            for (name, value) in environment { variables[name] = value }
            process.environment = variables
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = output
            process.standardError = error
            do {
                try process.run()
            } catch {
                throw InteropFailure("cannot start \(arguments.joined(separator: " ")): \(error)")
            }
            process.waitUntilExit()
            try output.close()
            try error.close()
            return Result(arguments: arguments, exitStatus: process.terminationStatus,
                          standardOutput: readText(outputPath), standardError: readText(errorPath))
        }
    }

    /// Runs `arguments` and throws, with the command's output, unless it exits with status 0.
    @discardableResult
    static func runChecked(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let result = try run(arguments, environment: environment)
        guard result.exitStatus == 0 else { throw InteropFailure("a command failed\n" + result.report) }
        return result
    }

    private static func readText(_ path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
