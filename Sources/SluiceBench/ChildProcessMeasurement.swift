import Foundation

/// One run of a child process with what it cost: wall-clock seconds from spawn to reap, and the
/// peak resident memory the kernel reports when the child is reaped with `wait4`.
///
/// The peak is that of the largest single process among the child and the descendants it waited
/// for (Linux's `ru_maxrss`), not a sum: a tool that keeps a helper process alive beside itself
/// (Spark's JVM beside its Python driver) shows the larger of the two, and only if it reaps it.
///
/// Foundation's `Process` reaps its children itself and drops their resource usage, so this
/// spawns with `posix_spawnp` and waits with `wait4`; output goes to files, as in `ProcessRunner`.
///
/// Thread-safety: a value; `run` blocks the caller until the child exits.
struct ChildProcessMeasurement {
    var seconds: Double
    var peakResidentBytes: Int
    /// The exit code, or nil when a signal ended the child.
    var exitCode: Int32?
    /// The signal that ended the child, if one did.
    var terminatingSignal: Int32?
    var standardOutput: String
    var standardError: String

    var succeeded: Bool { exitCode == 0 }

    var peakResidentMiB: Double { Double(peakResidentBytes) / Double(1 << 20) }

    /// Why the child failed, in one line: its first non-blank line of standard error, or its exit.
    var failureSummary: String {
        let firstLine = standardError.split(separator: "\n").first { !$0.allSatisfy(\.isWhitespace) }
        if let firstLine { return String(firstLine.prefix(160)) }
        if let terminatingSignal { return "killed by signal \(terminatingSignal)" }
        return "exited with \(exitCode ?? -1)"
    }

    /// Runs `executable` (looked up on `PATH`) with standard input from `/dev/null`.
    /// - Parameters:
    ///   - environment: variables set on top of this process's environment.
    /// - Throws: when the child cannot be started at all; a child that fails is a result, not an error.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> ChildProcessMeasurement {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-bench-measure-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputPath = folder.appendingPathComponent("stdout").path
        let errorPath = folder.appendingPathComponent("stderr").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        let argumentStrings = ([executable] + arguments).map { strdup($0) }
        let environmentStrings = variables.map { strdup("\($0.key)=\($0.value)") }
        defer { (argumentStrings + environmentStrings).forEach { free($0) } }

        let start = DispatchTime.now().uptimeNanoseconds
        var processID: pid_t = 0
        let spawnStatus = posix_spawnp(&processID, executable, &actions, nil, argumentStrings + [nil], environmentStrings + [nil])
        guard spawnStatus == 0 else {
            throw Shell.Failure(command: executable, status: spawnStatus, standardError: "cannot start: " + String(cString: strerror(spawnStatus)))
        }
        var waitStatus: Int32 = 0
        var usage = rusage()
        while wait4(processID, &waitStatus, 0, &usage) < 0 {
            guard errno == EINTR else {
                throw Shell.Failure(command: executable, status: errno, standardError: "wait4: " + String(cString: strerror(errno)))
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9

        // The wait status layout of Linux: low 7 bits the signal (0 when exited), next 8 the code.
        let signal = waitStatus & 0x7f
        return ChildProcessMeasurement(
            seconds: seconds,
            peakResidentBytes: Int(usage.ru_maxrss) * 1024,  // Linux reports KiB
            exitCode: signal == 0 ? (waitStatus >> 8) & 0xff : nil,
            terminatingSignal: signal == 0 ? nil : signal,
            standardOutput: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
    }
}
