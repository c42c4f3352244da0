import Foundation
import SluiceCore

/// The `SluiceCrashProbe` helper, started with arguments and read line by line; killed with
/// SIGKILL by the test, or by a watchdog after a minute so a stuck probe fails the test
/// instead of hanging it.
final class CrashProbe {
    let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private var buffered: [UInt8] = []
    private let watchdog: DispatchWorkItem

    /// The probe binary, built beside the test bundle.
    static let binary: URL? = {
        var directories = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        return directories.map { $0.appendingPathComponent("SluiceCrashProbe") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    init(_ arguments: [String]) throws {
        guard let binary = CrashProbe.binary else {
            throw SluiceError.internal("SluiceCrashProbe is not beside the test bundle; build it with `swift build --build-tests`")
        }
        process.executableURL = binary
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let pid = process.processIdentifier
        watchdog = DispatchWorkItem { Glibc.kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
    }

    /// The next line the probe printed, or nil once it exited.
    func nextLine() -> String? {
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffered[..<newline], as: UTF8.self)
                buffered.removeSubrange(...newline)
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            buffered += chunk
        }
    }

    /// SIGKILL, and waits for the process to be gone.
    func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        watchdog.cancel()
    }

    /// What the probe wrote to standard error (after it exited).
    func standardError() -> String {
        String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    deinit { kill() }
}
