import Foundation
import SluiceCore

/// Runs the built `sluice` binary as named child processes for fault tests: starts servers
/// (waiting for the address they write) and long-running commands, kills them with SIGKILL, and
/// runs commands to the end. Each child logs to `root/logs/NAME.log`. Children still running when
/// the test process exits are killed then. (A small copy of the launcher the Dataflow tests use,
/// which lives in another test target.)
///
/// Thread-safe: the table of children is guarded by a lock.
final class SluiceChildProcesses: @unchecked Sendable {
    // Sendable: `children` is guarded by `lock`.
    let root: String
    private let lock = NSLock()
    private var children: [String: Process] = [:]
    /// How many times each name was started, so every start gets log and address files of its own.
    private var starts: [String: Int] = [:]

    init(root: String) throws {
        self.root = root
        try FileManager.default.createDirectory(atPath: root + "/logs", withIntermediateDirectories: true)
    }

    /// Starts `sluice ARGUMENTS` as child `name`, and returns at once.
    /// - Parameter waitForAddress: when true, `--address-file` is added and the call waits (up
    ///   to a minute) until the child wrote its address there, and returns it.
    @discardableResult
    func start(_ name: String, _ arguments: [String], waitForAddress: Bool = false, environment: [String: String] = [:]) throws -> String? {
        guard let binary = CLIEndToEndTests.binary else {
            throw CLITestSetupError("the sluice binary is not beside the test bundle; build it with `swift build --build-tests`")
        }
        let number = lock.withLock { () -> Int in
            starts[name, default: 0] += 1
            return starts[name]!
        }
        let logPath = "\(root)/logs/\(name)-\(number).log"
        let addressFile = "\(root)/\(name)-\(number).address"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments + (waitForAddress ? ["--address-file", addressFile] : [])
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? log.close()
        lock.withLock { children[name] = process }
        Leftovers.shared.remember(process)
        guard waitForAddress else { return nil }
        let deadline = Date().addingTimeInterval(60)
        while true {
            if let text = try? String(contentsOfFile: addressFile, encoding: .utf8), text.hasSuffix("\n") {
                return text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            guard process.isRunning, Date() < deadline else {
                kill(name)
                throw CLITestSetupError("\(name) did not start:\n\(logTail(of: name))")
            }
            usleep(20_000)
        }
    }

    /// Whether child `name` was started and has not exited.
    func isRunning(_ name: String) -> Bool {
        lock.withLock { children[name] }?.isRunning ?? false
    }

    /// SIGKILL to child `name`, waiting until it is gone.
    func kill(_ name: String) {
        guard let process = lock.withLock({ children.removeValue(forKey: name) }) else { return }
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        Leftovers.shared.forget(process)
    }

    /// Kills every child.
    func killAll() {
        for name in lock.withLock({ Array(children.keys) }) { kill(name) }
    }

    /// Runs `sluice ARGUMENTS` to the end (killed after `timeoutSeconds`) and returns its exit
    /// status and output (standard output and error together).
    func run(_ arguments: [String], environment: [String: String] = [:], timeoutSeconds: Double = 120) throws -> (status: Int32, output: String) {
        guard let binary = CLIEndToEndTests.binary else { throw CLITestSetupError("the sluice binary is not built") }
        let outputPath = "\(root)/logs/run-\(UUID().uuidString).out"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        Leftovers.shared.remember(process)
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds, execute: watchdog)
        process.waitUntilExit()
        watchdog.cancel()
        Leftovers.shared.forget(process)
        try? output.close()
        return (process.terminationStatus, (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
    }

    /// How child `name` ended ("exit status N" or "signal N"); nil while it runs or when unknown.
    func ending(of name: String) -> String? {
        guard let process = lock.withLock({ children[name] }), !process.isRunning else { return nil }
        return process.terminationReason == .exit ? "exit status \(process.terminationStatus)" : "signal \(process.terminationStatus)"
    }

    /// The last lines child `name` logged (its latest start).
    func logTail(of name: String, lines: Int = 30) -> String {
        let number = lock.withLock { starts[name] ?? 0 }
        let text = (try? String(contentsOfFile: "\(root)/logs/\(name)-\(number).log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    /// Waits until `condition` holds, checking every 20 ms, for at most `timeoutSeconds`.
    /// - Throws: when it never held, naming `what`.
    static func wait(for what: String, timeoutSeconds: Double = 60, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while try !condition() {
            guard Date() < deadline else { throw CLITestSetupError("gave up waiting for \(what) after \(Int(timeoutSeconds)) s") }
            usleep(20_000)
        }
    }

    /// Children started and not yet reaped, killed when the test process exits.
    private final class Leftovers: @unchecked Sendable {
        // Sendable: `processes` is guarded by `lock`.
        static let shared = Leftovers()
        private let lock = NSLock()
        private var processes: [Int32: Process] = [:]

        private init() {
            atexit { SluiceChildProcesses.Leftovers.shared.killAll() }
        }

        func remember(_ process: Process) { lock.withLock { processes[process.processIdentifier] = process } }

        func forget(_ process: Process) { _ = lock.withLock { processes.removeValue(forKey: process.processIdentifier) } }

        func killAll() {
            for pid in lock.withLock({ Array(processes.keys) }) { Glibc.kill(pid, SIGKILL) }
        }
    }
}
