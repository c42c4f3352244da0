import Foundation
import SluiceCore
import Testing
import Warehouse
@testable import Streaming

@Suite("Stream checkpoints and exactly-once")
struct CheckpointRecoveryTests {
    static func countQuery(_ log: InMemoryTopicLog, _ directory: EngineTestDirectory, name: String, output: String, cap: Int64) throws -> StreamQuery {
        let context = StreamingContext(log: log, configuration: EngineTestSupport.configuration(directory, name: name, cap: cap))
        return try context.stream(topic: "clicks")
            .withWatermark(maxOutOfOrdernessMillis: 800)
            .keyBy { $0.keyText ?? "" }
            .window(.tumbling(sizeMillis: 2_000))
            .count()
            .toTable(output)
    }

    @Test("a crash after the sink commit and before the state checkpoint replays the batch without duplicates",
          arguments: [1, 3, 5] as [Int64])
    func crashBetweenCommitAndCheckpoint(crashedBatch: Int64) throws {
        let directory = EngineTestDirectory()
        defer { directory.remove() }
        let events = EngineTestSupport.events(seed: 11 + UInt64(crashedBatch), partitions: 3, perPartition: 140, keys: 5, disorderMillis: 2_000)
        let log = InMemoryTopicLog()
        try EngineTestSupport.produce(events, topic: "clicks", to: log)

        let expectedOutput = directory.path + "/expected"
        try Self.countQuery(log, directory, name: "expected", output: expectedOutput, cap: 20).run(until: .caughtUp)
        let expected = try EngineTestSupport.windowRows(expectedOutput)

        let output = directory.path + "/counts"
        let first = try Self.countQuery(log, directory, name: "faulty", output: output, cap: 20)
        try first.run(until: .batches(Int(crashedBatch) + 1))
        // The process dies after the sink committed batch N and before state N was written.
        let checkpoint = directory.path + "/checkpoint-faulty"
        try FileManager.default.removeItem(atPath: checkpoint + "/state/\(crashedBatch)")
        #expect(FileManager.default.fileExists(atPath: checkpoint + "/offsets/\(crashedBatch)"))

        let restarted = try Self.countQuery(log, directory, name: "faulty", output: output, cap: 20)
        let batches = try restarted.run(until: .caughtUp)
        let replay = try #require(batches.first)
        #expect(replay.batchId == crashedBatch)
        #expect(replay.isReplay)
        #expect(replay.sinkSkippedAsCommitted)
        #expect(try EngineTestSupport.windowRows(output) == expected)

        let table = try Table(fileSystem: LocalFileSystem(), path: output)
        let latest = try table.snapshot()
        #expect(latest.transactions["faulty"]?.version == 6)
        for version in 0...latest.version { _ = try EngineTestSupport.windowRows(output, version: version) }
        // The replayed run ends in the very same state as the fault-free one.
        let expectedState = FileManager.default.contents(atPath: directory.path + "/checkpoint-expected/state/6")
        #expect(expectedState != nil)
        #expect(FileManager.default.contents(atPath: checkpoint + "/state/6") == expectedState)
    }

    @Test("a new query resumes where the checkpoint stopped")
    func resumes() throws {
        let directory = EngineTestDirectory()
        defer { directory.remove() }
        let events = EngineTestSupport.events(seed: 21, partitions: 2, perPartition: 50, keys: 2, disorderMillis: 100)
        let log = InMemoryTopicLog()
        try EngineTestSupport.produce(events, topic: "clicks", to: log)
        let output = directory.path + "/counts"
        let first = try Self.countQuery(log, directory, name: "resume", output: output, cap: 10)
        let done = try first.run(until: .batches(2))
        #expect(first.lastCheckpoint == 1)
        let second = try Self.countQuery(log, directory, name: "resume", output: output, cap: 10)
        let next = try second.runBatch()
        #expect(next.batchId == 2)
        #expect(next.startOffsets == done.last?.endOffsets)
        #expect(!next.isReplay)
        let rest = try second.run(until: .caughtUp)
        #expect(rest.count == 2)
        #expect(try second.runBatch().batchId == -1)
        #expect(second.totals.recordsRead == 100)
        // Only the last `checkpointsKept` checkpoints stay.
        let states = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/checkpoint-resume/state").filter { !$0.hasPrefix(".") }
        #expect(states.sorted() == ["2", "3", "4"])
    }

    @Test("a checkpoint of a pipeline with another key type is refused with what changed")
    func fingerprintMismatch() throws {
        let directory = EngineTestDirectory()
        defer { directory.remove() }
        let log = InMemoryTopicLog()
        try EngineTestSupport.produce(EngineTestSupport.events(seed: 5, partitions: 1, perPartition: 10, keys: 2, disorderMillis: 0),
                                      topic: "clicks", to: log)
        let output = directory.path + "/counts"
        try Self.countQuery(log, directory, name: "typed", output: output, cap: 100).run(until: .caughtUp)
        let context = StreamingContext(log: log, configuration: EngineTestSupport.configuration(directory, name: "typed", cap: 100))
        let changed = try context.stream(topic: "clicks")
            .withWatermark(maxOutOfOrdernessMillis: 800)
            .keyBy { $0.key?.count ?? 0 }
            .window(.tumbling(sizeMillis: 2_000))
            .count()
            .toTable(output, keyColumn: "key", valueColumn: "value")
        let error = try #require(throws: SluiceError.self) { try changed.runBatch() }
        #expect(error.fault == .userInput)
        #expect(error.message.contains("checkpoint-typed"))
        #expect(error.message.contains("state key type was Swift.String, the pipeline now uses Swift.Int"))
        #expect(error.message.contains("use a new checkpoint location or reprocess"))
    }

    @Test("a state file that fails its checksum is refused naming the file")
    func corruptState() throws {
        let directory = EngineTestDirectory()
        defer { directory.remove() }
        let log = InMemoryTopicLog()
        try EngineTestSupport.produce(EngineTestSupport.events(seed: 6, partitions: 1, perPartition: 30, keys: 2, disorderMillis: 0),
                                      topic: "clicks", to: log)
        let output = directory.path + "/counts"
        try Self.countQuery(log, directory, name: "corrupt", output: output, cap: 10).run(until: .caughtUp)
        let statePath = directory.path + "/checkpoint-corrupt/state/2"
        var bytes = try #require(FileManager.default.contents(atPath: statePath))
        bytes[bytes.count / 2] ^= 0x5A
        try bytes.write(to: URL(fileURLWithPath: statePath))
        let restarted = try Self.countQuery(log, directory, name: "corrupt", output: output, cap: 10)
        let error = try #require(throws: SluiceError.self) { try restarted.runBatch() }
        #expect(error.fault == .data)
        #expect(error.location?.file == statePath)
        #expect(error.message.contains("CRC-32C"))
    }
}
