import Foundation
import SluiceCore

/// Runs the built `sluice` binary's server roles as child processes for multi-process tests:
/// each writes its address to a file, logs to `root/logs`, and is killed with SIGKILL by `kill`
/// or when the test process exits. (The block store's fault tests have a fuller cluster helper;
/// this one only launches and kills.)
final class SluiceProcesses: @unchecked Sendable {
    // Sendable: `members` is guarded by `lock`.
    let root: String
    private let lock = Mutex()
    private var members: [String: Process] = [:]

    init(root: String) throws {
        self.root = root
        try FileManager.default.createDirectory(atPath: root + "/logs", withIntermediateDirectories: true)
    }

    /// The `sluice` executable beside the test bundle (`swift build --build-tests` puts it there).
    static let binary: URL? = {
        var directories = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        return directories.map { $0.appendingPathComponent("sluice") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Starts `sluice ARGUMENTS --address-file F` as member `name` and returns its address once written.
    func launch(_ name: String, _ arguments: [String]) async throws -> String {
        guard let binary = Self.binary else {
            throw SluiceError.internal("the sluice binary is not beside the test bundle; build it with `swift build --build-tests`")
        }
        let addressFile = "\(root)/\(name).address"
        let logPath = "\(root)/logs/\(name).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments + ["--address-file", addressFile]
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = root
        process.environment = environment
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? log.close()
        lock.withLock { members[name] = process }
        SluiceLeftovers.shared.remember(process)
        let deadline = Date().addingTimeInterval(30)
        while true {
            if let text = try? String(contentsOfFile: addressFile, encoding: .utf8), text.hasSuffix("\n") {
                return text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            guard process.isRunning, Date() < deadline else {
                kill(name)
                throw SluiceError.internal("\(name) did not start:\n\(tail(of: name))")
            }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
    }

    /// Runs `sluice ARGUMENTS` to the end and returns its exit status and output.
    func runToEnd(_ arguments: [String]) throws -> (status: Int32, output: String) {
        guard let binary = Self.binary else { throw SluiceError.internal("the sluice binary is not built") }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = root
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// SIGKILL to member `name`, waiting until it is gone.
    func kill(_ name: String) {
        guard let process = lock.withLock({ members.removeValue(forKey: name) }) else { return }
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        SluiceLeftovers.shared.forget(process)
    }

    /// Kills every member and removes `root`.
    func stopAll() {
        for name in lock.withLock({ Array(members.keys) }) { kill(name) }
        try? FileManager.default.removeItem(atPath: root)
    }

    func tail(of name: String) -> String {
        let text = (try? String(contentsOfFile: "\(root)/logs/\(name).log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(30).joined(separator: "\n")
    }
}

/// Processes started and not yet reaped, killed when the test process exits.
final class SluiceLeftovers: @unchecked Sendable {
    // Sendable: `processes` is guarded by `lock`.
    static let shared = SluiceLeftovers()
    private let lock = Mutex()
    private var processes: [Int32: Process] = [:]

    private init() {
        atexit { SluiceLeftovers.shared.killAll() }
    }

    func remember(_ process: Process) { lock.withLock { processes[process.processIdentifier] = process } }

    func forget(_ process: Process) { _ = lock.withLock { processes.removeValue(forKey: process.processIdentifier) } }

    func killAll() {
        for pid in lock.withLock({ Array(processes.keys) }) { Glibc.kill(pid, SIGKILL) }
    }
}
