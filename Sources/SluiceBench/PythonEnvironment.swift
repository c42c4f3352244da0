import Foundation

/// A Python virtual environment under `.build/` with the anchor tools, created on first use.
struct PythonEnvironment {
    let directory: URL

    static let packages = ["pyarrow", "duckdb", "tpchgen-cli"]

    /// The environment beside the package's build folder.
    static func standard() throws -> PythonEnvironment {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let environment = PythonEnvironment(directory: root.appendingPathComponent(".build/interop-venv"))
        try environment.prepare()
        return environment
    }

    var python: String { directory.appendingPathComponent("bin/python").path }

    func prepare() throws {
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent(".ready").path) { return }
        try Shell.run("python3", ["-m", "venv", directory.path])
        try Shell.run(python, ["-m", "pip", "install", "-q"] + PythonEnvironment.packages)
        _ = FileManager.default.createFile(atPath: directory.appendingPathComponent(".ready").path, contents: Data())
    }

    /// Installs `package` unless `module` already imports (an anchor only some workloads need).
    func ensureModule(_ module: String, package: String) throws {
        if (try? Shell.run(python, ["-c", "import \(module)"])) != nil { return }
        try Shell.run(python, ["-m", "pip", "install", "-q", package])
    }

    /// Runs a Python script and returns its standard output.
    func run(script: String, arguments: [String] = []) throws -> String {
        try Shell.run(python, ["-c", script] + arguments)
    }
}

enum Shell {
    struct Failure: Error, CustomStringConvertible {
        let command: String
        let status: Int32
        let standardError: String
        var description: String { "\(command) exited with \(status): \(standardError)" }
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(command: ([executable] + arguments.prefix(1)).joined(separator: " "), status: process.terminationStatus,
                          standardError: String(decoding: errorData, as: UTF8.self))
        }
        return String(decoding: outputData, as: UTF8.self)
    }
}
