import Foundation
import SluiceCore
import Testing
import Warehouse
@testable import Streaming

@Suite("Stream aggregations and topic sinks")
struct WindowedOutputsTests {
    static func sensorLog() throws -> InMemoryTopicLog {
        let log = InMemoryTopicLog()
        try log.createTopic("readings", configuration: TopicConfiguration(partitionCount: 2))
        // sensor,value at event times; "s2,oops" does not parse.
        let partition0: [(Int64, String)] = [(1_000, "s1,1.5"), (2_000, "s1,2.5"), (11_000, "s1,4"), (30_000, "s1,1")]
        let partition1: [(Int64, String)] = [(1_500, "s2,10"), (3_000, "s2,oops"), (12_000, "s2,5"), (31_000, "s2,1")]
        try log.produce(topic: "readings", partition: 0, records: partition0.map { LogRecord(timestampMillis: $0.0, value: Array($0.1.utf8)) })
        try log.produce(topic: "readings", partition: 1, records: partition1.map { LogRecord(timestampMillis: $0.0, value: Array($0.1.utf8)) })
        return log
    }

    @Test("aggregate sums per tumbling window; a throwing add sends the record to dead letters")
    func aggregateWithThrowingAdd() throws {
        let directory = EngineTestDirectory()
        defer { directory.remove() }
        let log = try Self.sensorLog()
        let context = StreamingContext(log: log, configuration: EngineTestSupport.configuration(directory, name: "sums", cap: 2))
        let output = directory.path + "/sums"
        let query = try context.stream(topic: "readings")
            .map { message -> (String, String) in
                let fields = message.valueText.split(separator: ",")
                return (String(fields[0]), String(fields[1]))
            }
            .withWatermark(maxOutOfOrdernessMillis: 0)
            .keyBy { $0.0 }
            .window(.tumbling(10.seconds))
            .aggregate(initial: 0.0, add: { sum, reading in
                guard let value = Double(reading.1) else { throw SluiceError.userInput("not a number: \(reading.1)") }
                return sum + value
            }, merge: +)
            .toTable(output, keyColumn: "sensor", valueColumn: "total")
        let batches = try query.run(until: .caughtUp)
        #expect(batches.map(\.deadLetterCount).reduce(0, +) == 1)
        #expect(log.allRecords("sums.dead-letter").count == 1)
        var scan = try Table(fileSystem: LocalFileSystem(), path: output).scan()
        let batch = try scan.readAll()
        let rows = (0..<batch.rowCount).map { batch.row($0).map(\.description).joined(separator: " ") }.sorted()
        #expect(rows == [
            "1970-01-01 00:00:00 1970-01-01 00:00:10 s1 4.0", "1970-01-01 00:00:00 1970-01-01 00:00:10 s2 10.0",
            "1970-01-01 00:00:10 1970-01-01 00:00:20 s1 4.0", "1970-01-01 00:00:10 1970-01-01 00:00:20 s2 5.0",
            "1970-01-01 00:00:30 1970-01-01 00:00:40 s1 1.0", "1970-01-01 00:00:30 1970-01-01 00:00:40 s2 1.0",
        ])
    }

    @Test("reduce over session windows produces retired sessions to a topic")
    func sessionsToTopic() throws {
        let directory = EngineTestDirectory()
        defer { directory.remove() }
        let log = try Self.sensorLog()
        let context = StreamingContext(log: log, configuration: EngineTestSupport.configuration(directory, name: "sessions", cap: 2))
        let query = try context.stream(topic: "readings")
            .filter { !$0.valueText.hasSuffix("oops") }
            .map { message -> Reading in
                let fields = message.valueText.split(separator: ",")
                return Reading(sensor: String(fields[0]), value: Int64(Double(fields[1])!))
            }
            .withWatermark(maxOutOfOrdernessMillis: 0)
            .keyBy { $0.sensor }
            .window(.session(gap: 5.seconds))
            .reduce { left, right in Reading(sensor: left.sensor, value: left.value + right.value) }
            .toTopic("sessions.out") { result in Array("\(result.key) \(result.windowStartMillis)-\(result.windowEndMillis) \(result.value.value)".utf8) }
        try query.run(until: .caughtUp)
        let produced = log.allRecords("sessions.out").map { String(decoding: $0.value, as: UTF8.self) }.sorted()
        // The sessions starting at 30 s and 31 s are still open: the watermark is 30 s.
        #expect(produced == ["s1 1000-7000 3", "s1 11000-16000 4", "s2 12000-17000 5", "s2 1500-6500 10"])
    }

    @Test("a stream without windows goes to a topic, at least once")
    func streamToTopic() throws {
        let directory = EngineTestDirectory()
        defer { directory.remove() }
        let log = try Self.sensorLog()
        let context = StreamingContext(log: log, configuration: EngineTestSupport.configuration(directory, name: "upper", cap: 3))
        let query = try context.stream(topic: "readings")
            .map { $0.valueText.uppercased() }
            .toTopic("upper") { Array($0.utf8) }
        let batches = try query.run(until: .caughtUp)
        #expect(batches.count == 2)
        #expect(log.allRecords("upper").count == 8)
        #expect(log.allRecords("upper").map { String(decoding: $0.value, as: UTF8.self) }.contains("S2,OOPS"))
    }
}

