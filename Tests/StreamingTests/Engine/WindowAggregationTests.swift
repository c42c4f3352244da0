import SluiceCore
import Testing
import Warehouse
@testable import Streaming

@Suite("Stream windows against a reference")
struct WindowAggregationTests {
    static let specs: [WindowSpec] = [.tumbling(sizeMillis: 2_000), .sliding(sizeMillis: 3_000, slideMillis: 1_000), .session(gapMillis: 700)]

    @Test("counts and late records match the reference for every spec, seed and batch cut",
          arguments: [(0, 1 as UInt64, 37), (0, 2, 120), (1, 3, 23), (1, 4, 90), (2, 5, 41), (2, 6, 130)])
    func matchesReference(specIndex: Int, seed: UInt64, cap: Int) throws {
        let spec = Self.specs[specIndex]
        let directory = EngineTestDirectory()
        defer { directory.remove() }
        let events = EngineTestSupport.events(seed: seed, partitions: 3, perPartition: 200, keys: 4, disorderMillis: 6_000)
        let log = InMemoryTopicLog()
        try EngineTestSupport.produce(events, topic: "clicks", to: log)
        let reference = WindowReference(spec: spec, delayMillis: 1_000, latenessMillis: 500).run(events, cap: cap)
        #expect(reference.late > 0, "the input should have late records")

        let context = StreamingContext(log: log, configuration: EngineTestSupport.configuration(directory, cap: Int64(cap)))
        let output = directory.path + "/counts"
        let query = try context.stream(topic: "clicks")
            .map { message -> (String, Int64) in
                let fields = message.valueText.split(separator: ",")
                return (String(fields[0]), Int64(fields[1])!)
            }
            .withEventTime { $0.1 }
            .withWatermark(maxOutOfOrdernessMillis: 1_000)
            .keyBy { $0.0 }
            .window(spec, allowedLatenessMillis: 500)
            .count()
            .toTable(output)
        let batches = try query.run(until: .caughtUp)
        #expect(batches.count == (200 + cap - 1) / cap)
        #expect(batches.reduce(0) { $0 + $1.lateRecordCount } == reference.late)
        #expect(query.totals.lateRecords == reference.late)
        #expect(query.totals.recordsRead == 600)
        let table = try EngineTestSupport.windowRows(output)
        #expect(table == reference.counts)
    }

    @Test("every table version holds each window once, and retired windows do not change")
    func versionsAreExact() throws {
        let directory = EngineTestDirectory()
        defer { directory.remove() }
        let events = EngineTestSupport.events(seed: 9, partitions: 2, perPartition: 120, keys: 3, disorderMillis: 1_500)
        let log = InMemoryTopicLog()
        try EngineTestSupport.produce(events, topic: "clicks", to: log)
        let context = StreamingContext(log: log, configuration: EngineTestSupport.configuration(directory, cap: 20))
        let output = directory.path + "/counts"
        let query = try context.stream(topic: "clicks")
            .withWatermark(maxOutOfOrdernessMillis: 500)
            .keyBy { $0.keyText ?? "" }
            .window(.tumbling(2.seconds))
            .count()
            .toTable(output)
        let batches = try query.run(until: .caughtUp)
        #expect(batches.count == 6)
        #expect(batches.contains { $0.windowsRetired > 0 })
        let table = try Table(fileSystem: LocalFileSystem(), path: output)
        var previous: [WindowKey: Int64] = [:]
        var previousWatermark = Int64.min
        for batch in batches {
            let version = try #require(batch.tableVersion)
            let rows = try EngineTestSupport.windowRows(output, version: version)
            #expect(try table.snapshot(version: version).transactions["clicks"]?.version == batch.batchId)
            for (window, count) in previous where window.endMillis <= previousWatermark {
                #expect(rows[window] == count, "a retired window changed")
            }
            previous = rows
            previousWatermark = batch.watermarkMillis ?? .min
        }
    }

    @Test("late records go to the side output topic and are counted")
    func lateSideOutput() throws {
        let directory = EngineTestDirectory()
        defer { directory.remove() }
        let log = InMemoryTopicLog()
        try log.createTopic("clicks", configuration: TopicConfiguration(partitionCount: 1))
        try log.produce(topic: "clicks", partition: 0, records: [10_000, 20_000, 5_000, 30_000, 1_000].map {
            LogRecord(timestampMillis: $0, key: Array("a".utf8), value: Array("v\($0)".utf8))
        })
        let context = StreamingContext(log: log, configuration: EngineTestSupport.configuration(directory, cap: 2))
        let query = try context.stream(topic: "clicks")
            .withWatermark(maxOutOfOrdernessMillis: 0)
            .keyBy { $0.keyText ?? "" }
            .window(.tumbling(sizeMillis: 10_000))
            .lateRecords(toTopic: "clicks.late")
            .count()
            .toTable(directory.path + "/counts")
        let batches = try query.run(until: .caughtUp)
        #expect(batches.map(\.lateRecordCount) == [0, 1, 1])
        #expect(log.allRecords("clicks.late").map(\.timestampMillis) == [5_000, 1_000])
    }

    @Test("a late session record goes to the side output; one joining an open session is not late")
    func lateSessionSideOutput() throws {
        let directory = EngineTestDirectory()
        defer { directory.remove() }
        let log = InMemoryTopicLog()
        try log.createTopic("clicks", configuration: TopicConfiguration(partitionCount: 1))
        // After the first batch the watermark is 58 s: the session [55 s, 63 s) is open.
        try log.produce(topic: "clicks", partition: 0, records: [10_000, 55_000, 58_000, 1_000, 52_000].map {
            LogRecord(timestampMillis: $0, key: Array("a".utf8), value: Array("v\($0)".utf8))
        })
        let context = StreamingContext(log: log, configuration: EngineTestSupport.configuration(directory, cap: 3))
        let output = directory.path + "/sessions"
        let query = try context.stream(topic: "clicks")
            .withWatermark(maxOutOfOrdernessMillis: 0)
            .keyBy { $0.keyText ?? "" }
            .window(.session(gapMillis: 5_000))
            .lateRecords(toTopic: "clicks.late")
            .count()
            .toTable(output)
        let batches = try query.run(until: .caughtUp)
        #expect(batches.map(\.lateRecordCount) == [0, 1])
        #expect(log.allRecords("clicks.late").map(\.timestampMillis) == [1_000])
        let rows = try EngineTestSupport.windowRows(output)
        #expect(rows == [WindowKey(key: "a", startMillis: 10_000, endMillis: 15_000): 1,
                         WindowKey(key: "a", startMillis: 52_000, endMillis: 63_000): 3])
    }
}
