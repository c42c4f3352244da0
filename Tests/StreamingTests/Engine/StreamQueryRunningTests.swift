import SluiceCore
import Testing
import Warehouse
@testable import Streaming

@Suite("Stream query running")
struct StreamQueryRunningTests {
    @Test("the windowed table sink commits on top of another writer's commit")
    func otherWriterBetweenBatches() throws {
        let directory = EngineTestDirectory()
        defer { directory.remove() }
        let events = EngineTestSupport.events(seed: 31, partitions: 2, perPartition: 60, keys: 3, disorderMillis: 500)
        let log = InMemoryTopicLog()
        try EngineTestSupport.produce(events, topic: "clicks", to: log)
        let output = directory.path + "/counts"
        let query = try CheckpointRecoveryTests.countQuery(log, directory, name: "shared", output: output, cap: 20)
        _ = try query.runBatch()
        let table = try Table(fileSystem: LocalFileSystem(), path: output)
        let schema = try table.snapshot().schema
        try table.append([RecordBatch(schema: schema, columns: [
            try Column.repeating(.timestamp(0), type: .timestamp, count: 1), try Column.repeating(.timestamp(1000), type: .timestamp, count: 1),
            try Column.repeating(.string("other"), type: .string, count: 1), try Column.repeating(.int64(7), type: .int64, count: 1),
        ])])
        try query.run(until: .caughtUp)
        let rows = try EngineTestSupport.windowRows(output)
        #expect(rows[WindowKey(key: "other", startMillis: 0, endMillis: 1)] == 7)
        let expectedOutput = directory.path + "/expected"
        try CheckpointRecoveryTests.countQuery(log, directory, name: "alone", output: expectedOutput, cap: 20).run(until: .caughtUp)
        var expected = try EngineTestSupport.windowRows(expectedOutput)
        expected[WindowKey(key: "other", startMillis: 0, endMillis: 1)] = 7
        #expect(rows == expected)
    }

    @Test("run(until: .stopped) runs batches until the token stops it")
    func stopsOnToken() throws {
        let directory = EngineTestDirectory()
        defer { directory.remove() }
        let log = InMemoryTopicLog()
        try log.createTopic("events", configuration: TopicConfiguration(partitionCount: 1))
        try log.produce(topic: "events", partition: 0, records: (0..<10).map { LogRecord(timestampMillis: $0, value: Array("e\($0)".utf8)) })
        let token = StopToken()
        let context = StreamingContext(log: log, configuration: EngineTestSupport.configuration(directory, name: "stopping", cap: 3))
        let query = try context.stream(topic: "events")
            .map(\.valueText)
            .toTopic("copies") { text in
                // The sink runs on the driver's thread: stop once the sixth event went out.
                if text == "e5" { token.stop() }
                return Array(text.utf8)
            }
        let batches = try query.run(until: .stopped(token))
        #expect(batches.count == 2)
        #expect(log.allRecords("copies").count == 6)
    }

    @Test("partitions added to the topic are read from their start")
    func addedPartitions() throws {
        let directory = EngineTestDirectory()
        defer { directory.remove() }
        let log = InMemoryTopicLog()
        try log.createTopic("events", configuration: TopicConfiguration(partitionCount: 1))
        try log.produce(topic: "events", partition: 0, records: (0..<3).map { LogRecord(timestampMillis: $0, value: Array("a\($0)".utf8)) })
        let context = StreamingContext(log: log, configuration: EngineTestSupport.configuration(directory, name: "growing", cap: 100))
        let query = try context.stream(topic: "events").map(\.valueText).toTopic("copies") { Array($0.utf8) }
        #expect(try query.runBatch().endOffsets == [3])
        log.addPartitions(topic: "events", count: 1)
        try log.produce(topic: "events", partition: 1, records: (0..<2).map { LogRecord(timestampMillis: $0, value: Array("b\($0)".utf8)) })
        let second = try query.runBatch()
        #expect(second.startOffsets == [3, 0])
        #expect(second.endOffsets == [3, 2])
        #expect(log.allRecords("copies").count == 5)
    }
}
