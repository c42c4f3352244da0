import Dataflow
import SluiceCore
import Testing

/// The cluster executor with its coordinator and workers in this process, talking HTTP on loopback.
@Suite struct ClusterExecutorTests {
    /// Seeded text: `lineCount` lines of up to 9 words from a 300-word vocabulary.
    static func writeWords(to path: String, lineCount: Int, seed: UInt64) throws {
        var generator = SeededRandomGenerator(seed: seed)
        let vocabulary = (0..<300).map { "word\($0)" }
        var text = ""
        for _ in 0..<lineCount {
            text += (0..<Int.random(in: 0...9, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }.joined(separator: " ")
            text += "\n"
        }
        try LocalFileSystem().write(Array(text.utf8), to: path)
    }

    /// Each part file's lines, sorted (the order of keys within a part is not part of the contract).
    static func partFiles(in folder: String) throws -> [String: [String]] {
        var parts: [String: [String]] = [:]
        for file in try LocalFileSystem().list(folder) where file.name.hasPrefix("part-") {
            parts[file.name] = String(decoding: try LocalFileSystem().readAll(file.path), as: UTF8.self).split(separator: "\n").map(String.init).sorted()
        }
        return parts
    }

    /// The check word count run in local mode, for comparison.
    static func runLocally(input: String, output: String, workDirectory: String, partitionCount: Int = 4) async throws {
        let context = try DataflowContext(config: ExecutionConfig(master: .local(threadCount: 2), defaultParallelism: 4, workDirectory: workDirectory))
        defer { context.close() }
        let job = ClusterCheckJobs.wordCount
        _ = try await job.run(context, try JobArguments(parsing: ["--input", input, "--output", output, "--partitions", "\(partitionCount)"], for: job))
    }

    @Test func wordCountOnWorkersEqualsLocalMode() async throws {
        let cluster = try await InProcessCluster.start(workerCount: 3)
        let root = cluster.root
        try Self.writeWords(to: "\(root)/input.txt", lineCount: 5_000, seed: 11)
        try await Self.runLocally(input: "\(root)/input.txt", output: "\(root)/local", workDirectory: "\(root)/local-work")
        let summary = try await cluster.submit("check-wordcount", ["--input", "\(root)/input.txt", "--output", "\(root)/cluster"])
        #expect(summary.lines == ["counted the words of 5000 lines into \(root)/cluster"])
        let local = try Self.partFiles(in: "\(root)/local")
        #expect(local.count == 4)
        #expect(try Self.partFiles(in: "\(root)/cluster") == local)
        #expect(LocalFileSystem().exists("\(root)/cluster/_SUCCESS"))
        await cluster.stop()
    }

    @Test func aTaskThatAlwaysThrowsFailsTheJobAfterFourAttempts() async throws {
        let cluster = try await InProcessCluster.start(workerCount: 2)
        do {
            _ = try await cluster.submit("check-failing-task", ["--partitions", "2"])
            Issue.record("the job should have failed")
        } catch let failure as JobFailure {
            #expect(failure.attemptCount == 4)
            #expect(failure.jobName == "count")
            #expect(failure.description.contains("stage \(failure.stageId) (parallelize → map)"))
            #expect(failure.description.contains("partition \(failure.partition) failed 4 times"))
            #expect(failure.cause.contains("check-failing-task always fails"))
        }
        await cluster.stop()
    }

    @Test func anUnknownJobOrOptionIsRefusedWithTheValidOnes() async throws {
        let cluster = try await InProcessCluster.start(workerCount: 1)
        await #expect(throws: SluiceError.self) { _ = try await cluster.submit("no-such-job", []) }
        do {
            _ = try await cluster.submit("check-wordcount", ["--inptu", "x"])
        } catch let error as SluiceError {
            #expect(error.fault == .userInput)
            #expect(error.message.contains("--input"))
        }
        await cluster.stop()
    }

    @Test func aWorkerLostMidJobHasItsTasksAndMapOutputRedone() async throws {
        let cluster = try await InProcessCluster.start(workerCount: 3, slotCount: 1)
        let root = cluster.root
        try Self.writeWords(to: "\(root)/input.txt", lineCount: 20_000, seed: 12)
        try await Self.runLocally(input: "\(root)/input.txt", output: "\(root)/local", workDirectory: "\(root)/local-work", partitionCount: 8)
        let victim = cluster.workers[0]
        let stopped = Flag()
        let summary = try await cluster.submit("check-wordcount", ["--input", "\(root)/input.txt", "--output", "\(root)/cluster",
                                                                    "--partitions", "8"]) { event in
            // Once a map task finished, the first worker goes away with whatever output it holds.
            if case .taskEnded(_, _, _, let metrics, nil) = event, metrics.shuffleBytesWritten > 0, stopped.set() {
                _Concurrency.Task { await victim.stop() }
            }
        }
        #expect(stopped.isSet)
        #expect(summary.lines.count == 1)
        #expect(try Self.partFiles(in: "\(root)/cluster") == Self.partFiles(in: "\(root)/local"))
        await cluster.stop()
    }
}

/// A flag set once, from any thread.
final class Flag: @unchecked Sendable {
    // Sendable: `value` is guarded by `lock`.
    private let lock = Mutex()
    private var value = false

    /// Sets the flag; true only for the call that set it.
    func set() -> Bool {
        lock.withLock {
            defer { value = true }
            return !value
        }
    }

    var isSet: Bool { lock.withLock { value } }
}
