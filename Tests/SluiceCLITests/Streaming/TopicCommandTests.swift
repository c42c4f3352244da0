import ArgumentParser
import SluiceCore
import Streaming
import Testing
@testable import SluiceCommandLine

/// The topic commands: argument checks, and their producer and consumer run in process over an
/// in-memory log. (Runs of the `sluice` binary need the embedded store or a broker process.)
@Suite struct TopicCommandTests {
    @Test func argumentsAreChecked() throws {
        #expect(throws: (any Error).self) { try TopicCreateCommand.parse(["t", "--partitions", "0"]) }
        #expect(throws: (any Error).self) { try TopicCreateCommand.parse(["t", "--retention", "7 days"]) }
        #expect(throws: (any Error).self) { try TopicListCommand.parse(["--broker", "localhost"]) }
        #expect(throws: (any Error).self) { try TopicConsumeCommand.parse(["t", "--max", "-1"]) }
        #expect(throws: (any Error).self) { try BrokerCommand.parse(["--dir", "/tmp/x", "--port", "70000"]) }
        let create = try TopicCreateCommand.parse(["clicks", "--partitions", "4", "--retention", "7d", "--broker", "127.0.0.1:9092"])
        #expect(try create.topicConfiguration == TopicConfiguration(partitionCount: 4, retentionMillis: 7 * 86_400_000))
        #expect(create.log.broker == "127.0.0.1:9092")
        #expect(try create.log.open() is BrokerClient)
        let broker = try BrokerCommand.parse(["--dir", "/tmp/b", "--port", "0", "--requests-per-second-max", "100"])
        #expect(broker.brokerConfiguration.port == 0)
        #expect(broker.brokerConfiguration.limits.requestsPerSecondMax == 100)
    }

    @Test func retentionDurations() throws {
        #expect(try RetentionDuration.parseMillis("500ms") == 500)
        #expect(try RetentionDuration.parseMillis("30s") == 30_000)
        #expect(try RetentionDuration.parseMillis("15m") == 900_000)
        #expect(try RetentionDuration.parseMillis("12h") == 43_200_000)
        #expect(try RetentionDuration.parseMillis("2w") == 1_209_600_000)
        #expect(RetentionDuration.format(millis: 7 * 86_400_000) == "1w")
        #expect(RetentionDuration.format(millis: 90 * 60_000) == "90m")
        #expect(RetentionDuration.format(millis: 1_500) == "1500ms")
        for bad in ["", "7", "d", "-1d", "1.5h", "3y"] {
            #expect(throws: SluiceError.self, "\(bad)") { try RetentionDuration.parseMillis(bad) }
        }
    }

    @Test func describeShowsTheConfigurationAndAPartitionTable() {
        let description = TopicDescription(
            name: "clicks", configuration: TopicConfiguration(partitionCount: 2, retentionMillis: 3 * 86_400_000, segmentBytesMax: 1024),
            partitions: [
                TopicPartitionDescription(partition: 0, startOffset: 0, endOffset: 12, sizeBytes: 900, segmentCount: 1),
                TopicPartitionDescription(partition: 1, startOffset: 100, endOffset: 2000, sizeBytes: 123_456, segmentCount: 7, tieredSegmentCount: 5),
            ])
        #expect(TopicDescribeCommand.render(description) == """
            topic:      clicks
            partitions: 2
            retention:  3d
            segments:   up to 1024 bytes

            partition  start   end  records  size_bytes      segments
                    0      0    12       12         900             1
                    1    100  2000     1900      123456  7 (5 tiered)

            """)
    }

    @Test func embeddedStoreFolder() {
        #expect(TopicLogOptions.embeddedDirectory(environment: ["SLUICE_HOME": "/data/sluice", "HOME": "/home/a"]) == "/data/sluice/broker")
        #expect(TopicLogOptions.embeddedDirectory(environment: ["HOME": "/home/a"]) == "/home/a/.sluice/broker")
    }

    @Test func produceSendsLinesInBatchesWithKeysAndTimestamps() throws {
        let log = TopicLogDouble()
        try log.createTopic("clicks", configuration: TopicConfiguration(partitionCount: 3))
        var producer = TopicLineProducer(log: log, topic: "clicks", keyField: "user", timestampField: "ts")
        producer.batchRecordCountMax = 2
        var input = TextLineSource("""
            {"user": "ann", "page": "/a", "ts": 1000}

            {"user": 7, "page": "/b", "ts": 1001}
            {"page": "/c", "ts": 1002}
            """)
        let summary = try producer.run(&input, inputName: "clicks.jsonl")
        #expect(summary.recordCount == 3)
        #expect(log.produceCallCount == 2)
        #expect(TopicProduceCommand.describe(summary, topic: "clicks") == "3 records to clicks (\(summary.partitions.count) partitions)")
        let all = try (0..<3).flatMap { try log.fetch(topic: "clicks", partition: $0, fromOffset: 0, maxBytes: 1 << 20).records }
        let byTime = all.sorted { $0.timestampMillis < $1.timestampMillis }
        #expect(byTime.map(\.timestampMillis) == [1000, 1001, 1002])
        #expect(byTime.map { $0.key.map { String(decoding: $0, as: UTF8.self) } } == ["ann", "7", nil])
        #expect(String(decoding: byTime[0].value, as: UTF8.self) == #"{"user":"ann","page":"/a","ts":1000}"#)
    }

    @Test func produceStopsAtABadLineAfterSendingWhatCameBefore() throws {
        let log = TopicLogDouble()
        try log.createTopic("t", configuration: TopicConfiguration(partitionCount: 1))
        let producer = TopicLineProducer(log: log, topic: "t")
        var input = TextLineSource("{\"a\": 1}\n{\"a\": 2}\n{\"a\": \n{\"a\": 4}\n")
        do {
            _ = try producer.run(&input, inputName: "events.jsonl")
            Issue.record("a malformed line was accepted")
        } catch {
            #expect(error.sent.recordCount == 2)
            #expect(error.error.location?.line == 3)
            #expect(error.error.description.contains("events.jsonl, line 3"), "\(error.error)")
        }
        #expect(try log.describeTopic("t").partitions[0].endOffset == 2)

        var missingTimestamp = TextLineSource("{\"a\": 1}\n")
        let timed = TopicLineProducer(log: log, topic: "t", timestampField: "ts")
        #expect(throws: TopicLineProducer.Failure.self) { try timed.run(&missingTimestamp, inputName: "x") }
    }

    @Test func consumeFromTheBeginningWithAGroupResumesWhereItStopped() throws {
        let log = TopicLogDouble()
        try log.createTopic("t", configuration: TopicConfiguration(partitionCount: 2))
        _ = try log.produce(topic: "t", records: (0..<10).map { LogRecord(timestampMillis: Int64($0), value: Array("v\($0)".utf8)) })

        var consumer = TopicConsumeCommand.parseOrExit(["t", "--from-beginning", "--group", "g", "--max", "4"]).makeConsumer(log: log)
        var printed: [String] = []
        #expect(try consumer.run(emit: { printed.append(String(decoding: $0.value, as: UTF8.self)) }) == 4)
        consumer.recordCountMax = nil
        var rest: [String] = []
        #expect(try consumer.run(emit: { rest.append(String(decoding: $0.value, as: UTF8.self)) }) == 6)
        #expect(Set(printed + rest) == Set((0..<10).map { "v\($0)" }))
        #expect(try log.committedOffsets(group: "g", topic: "t") == [0: 5, 1: 5])

        let fromEnd = TopicConsumeCommand.parseOrExit(["t"]).makeConsumer(log: log)
        #expect(try fromEnd.run(emit: { _ in }) == 0)
        let partitionOne = TopicConsumeCommand.parseOrExit(["t", "--partition", "1", "--from-timestamp", "6"]).makeConsumer(log: log)
        var late: [String] = []
        _ = try partitionOne.run(emit: { late.append(String(decoding: $0.value, as: UTF8.self)) })
        #expect(late == ["v7", "v9"])
    }
}

/// The broker's upkeep of an embedded store with a tier: retention, then closed segments moved.
@Suite struct BrokerMaintenanceTests {
    @Test func upkeepMovesClosedSegmentsToTheTierAndTheyStayReadable() throws {
        let directory = try ScratchDirectory()
        let tier = LogTier(fileSystem: LocalFileSystem(), directory: directory.path + "/tier")
        let log = try makeTopicStore(directory: directory.path + "/store", tier: tier)
        try log.createTopic("t", configuration: TopicConfiguration(partitionCount: 1, segmentBytesMax: 2_048))
        let records = (0..<300).map { LogRecord(timestampMillis: Int64($0), value: Array("record \($0) padded to some length".utf8)) }
        for chunk in stride(from: 0, to: records.count, by: 10) { _ = try log.produce(topic: "t", records: Array(records[chunk..<chunk + 10])) }
        let upkeep = try #require(topicStoreMaintenance(log))
        try upkeep()
        let partition = try log.describeTopic("t").partitions[0]
        #expect(partition.tieredSegmentCount > 0 && partition.tieredSegmentCount == partition.segmentCount - 1)
        var values: [[UInt8]] = []
        var offset: Int64 = 0
        while offset < partition.endOffset {
            let fetched = try log.fetch(topic: "t", partition: 0, fromOffset: offset, maxBytes: 1_000)
            values += fetched.records.map(\.value)
            offset = fetched.nextOffset
        }
        #expect(values == records.map(\.value))
        (log as? TopicStore)?.close()
    }
}
