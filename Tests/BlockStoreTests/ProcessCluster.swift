import BlockStore
import Foundation
import SluiceCore

/// A block store made of real `sluice namenode` and `sluice datanode` processes on loopback
/// addresses, temporary folders and short intervals (200 ms heartbeats, dead after 2 s, 64 KiB
/// blocks, no safemode extension), for fault tests that kill, restart and corrupt members.
///
/// Datanode `index` listens on `127.0.0.<index + 1>`, so a client whose `localHost` is that
/// address gets that datanode as the head of its write pipelines and the first replica of reads.
///
/// Lifetime: call `stopAll()` in a `defer` right after `start`; it kills every process and removes
/// the folders. Processes of clusters never stopped are killed when the test process exits.
/// Thread-safety: every method may be called from any task.
final class ProcessCluster: @unchecked Sendable {
    // Sendable: `nameNode`, `dataNodes` and `isStopped` are guarded by `lock`.

    /// One running `sluice` server process.
    struct Member {
        let process: Process
        let address: String
        let logPath: String
    }

    let root: String
    let blockSizeBytes = 64 * 1024
    let nameNodeDirectory: String
    let nameNodeOptions: [String]
    let dataNodeOptions: [String]
    private let lock = Mutex()
    private var nameNode: Member?
    private var dataNodes: [Int: Member] = [:]
    private var isStopped = false

    /// The namenode's `HOST:PORT`; throws when it is not running.
    var nameNodeAddress: String {
        get throws {
            guard let member = lock.withLock({ nameNode }) else { throw SluiceError.internal("the namenode is not running") }
            return member.address
        }
    }

    /// Starts a namenode and `datanodes` datanodes and waits until all are live.
    /// - Parameters:
    ///   - nameNodeOptions: extra `sluice namenode` options, e.g. `--lease-hard-limit-ms=1500`.
    ///   - dataNodeOptions: extra `sluice datanode` options for every datanode.
    static func start(datanodes count: Int, nameNodeOptions: [String] = [], dataNodeOptions: [String] = []) async throws -> ProcessCluster {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-fault-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/logs", withIntermediateDirectories: true)
        let cluster = ProcessCluster(root: root, nameNodeOptions: nameNodeOptions, dataNodeOptions: dataNodeOptions)
        do {
            try await cluster.startNameNode()
            for index in 0..<count {
                try await cluster.startDataNode(index)
            }
            try await cluster.waitForLiveDataNodes(count)
        } catch {
            cluster.stopAll()
            throw error
        }
        return cluster
    }

    private init(root: String, nameNodeOptions: [String], dataNodeOptions: [String]) {
        self.root = root
        self.nameNodeDirectory = root + "/name"
        self.nameNodeOptions = nameNodeOptions
        self.dataNodeOptions = dataNodeOptions
    }

    /// A client of this cluster; `localHost` picks the datanode treated as local (see the type).
    func client(user: String = "sluice", localHost: String? = nil) throws -> DFSClient {
        DFSClient(namenodeAddress: try nameNodeAddress, user: user, localHost: localHost)
    }

    /// The loopback address datanode `index` listens on.
    static func dataNodeHost(_ index: Int) -> String { "127.0.0.\(index + 1)" }

    func dataNodeDirectory(_ index: Int) -> String { root + "/data\(index)" }

    func dataNodeAddress(_ index: Int) -> String? { lock.withLock { dataNodes[index]?.address } }

    var runningDataNodeIndexes: [Int] { lock.withLock { dataNodes.keys.sorted() } }

    // MARK: Starting members

    /// Starts the namenode on `nameNodeDirectory` (a new port each time) and waits for its address.
    func startNameNode() async throws {
        let arguments = [
            "namenode", "--dir", nameNodeDirectory, "--port", "0", "--block-size", String(blockSizeBytes), "--replication", "3",
            "--heartbeat-ms", "200", "--stale-after-ms", "1000", "--dead-after-ms", "2000", "--replication-interval-ms", "200",
            "--safemode-extension-ms", "0", "--superuser", "sluice",
        ] + nameNodeOptions
        let member = try await launch(name: "namenode", arguments: arguments)
        lock.withLock { nameNode = member }
    }

    /// Starts datanode `index` on its folder (kept across restarts), registered with the current
    /// namenode.
    func startDataNode(_ index: Int, extraArguments: [String] = []) async throws {
        let host = Self.dataNodeHost(index)
        let arguments = [
            "datanode", "--dir", dataNodeDirectory(index), "--namenode", try nameNodeAddress, "--port", "0",
            "--host", host, "--bind-host", host, "--heartbeat-ms", "200",
        ] + dataNodeOptions + extraArguments
        let member = try await launch(name: "datanode\(index)", arguments: arguments)
        lock.withLock { dataNodes[index] = member }
    }

    /// Runs a namenode on `nameNodeDirectory` that is expected to refuse to start; returns its
    /// exit status and output. A namenode still running after 30 s is killed (status -1).
    func runNameNodeUntilExit(logName: String) async throws -> (status: Int32, output: String) {
        let logPath = root + "/logs/\(logName).log"
        let process = try Self.spawn(
            arguments: ["namenode", "--dir", nameNodeDirectory, "--port", "0", "--superuser", "sluice"], logPath: logPath, home: root)
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning {
            guard Date() < deadline else {
                Self.kill(process)
                return (-1, Self.tail(of: logPath))
            }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        Self.kill(process)
        return (process.terminationStatus, (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")
    }

    /// Runs `sluice` with `arguments` and returns once it wrote its address file.
    private func launch(name: String, arguments: [String]) async throws -> Member {
        let addressFile = root + "/\(name).address"
        try? FileManager.default.removeItem(atPath: addressFile)
        let logPath = root + "/logs/\(name).log"
        let process = try Self.spawn(arguments: arguments + ["--address-file", addressFile], logPath: logPath, home: root)
        let deadline = Date().addingTimeInterval(30)
        while true {
            if let text = try? String(contentsOfFile: addressFile, encoding: .utf8), text.hasSuffix("\n") {
                return Member(process: process, address: text.trimmingCharacters(in: .whitespacesAndNewlines), logPath: logPath)
            }
            guard process.isRunning else {
                throw SluiceError.internal("\(name) exited with status \(process.terminationStatus):\n\(Self.tail(of: logPath))")
            }
            guard Date() < deadline else {
                Self.kill(process)
                throw SluiceError.internal("\(name) did not announce its address within 30 s:\n\(Self.tail(of: logPath))")
            }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
    }

    /// Starts the binary with its output appended to `logPath`; the process is remembered so it
    /// is killed at exit even if its cluster is never stopped.
    static func spawn(arguments: [String], logPath: String, home: String) throws -> Process {
        guard let binary = binary else {
            throw SluiceError.internal("the sluice binary is not beside the test bundle; build it with `swift build --build-tests`")
        }
        if !FileManager.default.fileExists(atPath: logPath) {
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home
        process.environment = environment
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? log.close()
        LeftoverProcesses.shared.remember(process)
        return process
    }

    // MARK: Faults

    /// Kills datanode `index` with SIGKILL and waits until it is gone.
    func killDataNode(_ index: Int) {
        guard let member = lock.withLock({ dataNodes.removeValue(forKey: index) }) else { return }
        Self.kill(member.process)
    }

    /// Kills the namenode with SIGKILL and waits until it is gone.
    func killNameNode() {
        guard let member = lock.withLock({ () -> Member? in
            defer { nameNode = nil }
            return nameNode
        }) else { return }
        Self.kill(member.process)
    }

    /// Kills every member with SIGKILL (the cluster's folders stay).
    func killAll() {
        for index in runningDataNodeIndexes { killDataNode(index) }
        killNameNode()
    }

    /// Kills every process and removes the folders (kept, with the logs, when the environment
    /// sets `SLUICE_FAULT_KEEP_FOLDERS`, to look into a failure). Idempotent.
    func stopAll() {
        killAll()
        let wasStopped = lock.withLock {
            defer { isStopped = true }
            return isStopped
        }
        guard !wasStopped, ProcessInfo.processInfo.environment["SLUICE_FAULT_KEEP_FOLDERS"] == nil else { return }
        try? FileManager.default.removeItem(atPath: root)
    }

    static func kill(_ process: Process) {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        LeftoverProcesses.shared.forget(process)
    }

    // MARK: Waiting

    /// Polls `condition` every 100 ms until it holds; errors it throws count as "not yet".
    /// - Throws: when `timeoutSeconds` pass first, naming `what`, the last error and the
    ///   namenode's last log lines.
    func waitUntil(_ what: String, timeoutSeconds: Double = 30, _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        var lastError: (any Error)?
        while true {
            do {
                if try await condition() { return }
                lastError = nil
            } catch {
                lastError = error
            }
            guard Date() < deadline else {
                let logTail = lock.withLock { nameNode }.map { Self.tail(of: $0.logPath) } ?? Self.tail(of: root + "/logs/namenode.log")
                throw SluiceError.internal(
                    "not within \(timeoutSeconds) s: \(what)" + (lastError.map { " (last error: \($0))" } ?? "")
                        + "\nnamenode log:\n\(logTail)")
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
    }

    /// Waits until the namenode counts `count` live datanodes and has left safemode.
    func waitForLiveDataNodes(_ count: Int) async throws {
        let client = try client()
        try await waitUntil("\(count) live datanodes and safemode off") {
            let report = try await client.clusterReport()
            return !report.isInSafeMode && report.datanodes.filter { $0.state == .live }.count == count
        }
    }

    /// Waits until every block under `path` has exactly `replication` live replicas, none
    /// corrupt, none on `excludedAddresses`; returns that fsck report.
    @discardableResult
    func waitForReplication(
        under path: String, replication: Int = 3, excluding excludedAddresses: Set<String> = [], timeoutSeconds: Double = 30
    ) async throws -> AdminProtocol.FsckReport {
        let client = try client()
        var latest: AdminProtocol.FsckReport?
        try await waitUntil("every block under \(path) at \(replication) good replicas, none on \(excludedAddresses.sorted())", timeoutSeconds: timeoutSeconds) {
            let report = try await client.fsck(path)
            latest = report
            return report.files.allSatisfy { file in
                !file.isUnderConstruction
                    && file.blocks.allSatisfy { block in
                        block.liveAddresses.count == replication && block.corruptAddresses.isEmpty
                            && excludedAddresses.isDisjoint(with: block.liveAddresses)
                    }
            }
        }
        return latest!
    }

    // MARK: Files

    /// The block file of `blockID` in datanode `index`'s folder, if it has one.
    func replicaFile(blockID: UInt64, onDataNode index: Int) -> String? {
        let finalized = dataNodeDirectory(index) + "/current/finalized"
        guard let enumerator = FileManager.default.enumerator(atPath: finalized) else { return nil }
        let name = "blk_\(blockID)"
        while let relative = enumerator.nextObject() as? String {
            if (relative as NSString).lastPathComponent == name { return finalized + "/" + relative }
        }
        return nil
    }

    /// The last lines of a log file, for failure messages.
    static func tail(of logPath: String, lineCountMax: Int = 30) -> String {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return "(no log at \(logPath))" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lineCountMax).joined(separator: "\n")
    }

    /// The `sluice` executable, built beside the test bundle by `swift build --build-tests`.
    static let binary: URL? = {
        var directories = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        return directories.map { $0.appendingPathComponent("sluice") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()
}

/// Every `sluice` process a test started and has not yet reaped; they are killed when the test
/// process exits normally, so a test that fails before its `defer` runs leaves nothing behind.
final class LeftoverProcesses: @unchecked Sendable {
    // Sendable: `processes` is guarded by `lock`.
    static let shared = LeftoverProcesses()
    private let lock = Mutex()
    private var processes: [Int32: Process] = [:]

    private init() {
        atexit {
            LeftoverProcesses.shared.killAll()
        }
    }

    func remember(_ process: Process) {
        lock.withLock { processes[process.processIdentifier] = process }
    }

    func forget(_ process: Process) {
        _ = lock.withLock { processes.removeValue(forKey: process.processIdentifier) }
    }

    func killAll() {
        let pids = lock.withLock { Array(processes.keys) }
        for pid in pids { Glibc.kill(pid, SIGKILL) }
    }
}

extension ProcessCluster {
    /// `count` bytes from a seeded generator: the same bytes for the same seed on every run.
    static func seededBytes(count: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededRandomGenerator(seed: seed)
        var bytes = [UInt8](repeating: 0, count: count)
        var index = 0
        while index < count {
            var word = generator.next()
            for _ in 0..<min(8, count - index) {
                bytes[index] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                index += 1
            }
        }
        return bytes
    }

    /// The first offset where `lhs` and `rhs` differ (the shorter length when one is a prefix),
    /// or nil when they are equal; keeps failure messages short for megabyte buffers.
    static func firstDifference(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int? {
        for index in 0..<min(lhs.count, rhs.count) where lhs[index] != rhs[index] { return index }
        return lhs.count == rhs.count ? nil : min(lhs.count, rhs.count)
    }
}
