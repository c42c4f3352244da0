import Cluster
import Foundation
import SluiceCore
import Testing
@testable import Streaming

/// The broker's REST API over the in-memory log: topics, produce and fetch in both wire forms,
/// fetch by timestamp, long polls, consumer groups.
@Suite struct BrokerServerTests {
    @Test func createListAndDescribeTopics() async throws {
        let broker = try await RunningBroker.start()
        let client = broker.client()
        let created = try await onThread { try client.createTopic("clicks", configuration: TopicConfiguration(partitionCount: 3, retentionMillis: 60_000)) }
        #expect(created.name == "clicks")
        #expect(created.partitions.count == 3)
        #expect(created.configuration.retentionMillis == 60_000)
        try await onThread { try client.createTopic("alerts", configuration: TopicConfiguration()) }
        #expect(try await onThread { try client.topicNames() } == ["alerts", "clicks"])
        let described = try await onThread { try client.describeTopic("clicks") }
        #expect(described == created)

        let raw = try await broker.send(.POST, "/topics", body: Array(#"{"name":"views","partitions":2,"segmentBytesMax":4096}"#.utf8))
        #expect(raw.status == 201)
        let listed = try await broker.send(.GET, "/topics")
        #expect(listed.text == #"{"topics":["alerts","clicks","views"]}"#)
        #expect(try await onThread { try client.describeTopic("views") }.configuration.segmentBytesMax == 4096)
        await broker.stop()
    }

    @Test func produceAndFetchJSONLines() async throws {
        let clock = ManualWallClock(startMillis: 1_700_000_000_000)
        let broker = try await RunningBroker.start(clock: clock)
        try await onThread { try broker.log.createTopic("events", configuration: TopicConfiguration(partitionCount: 1)) }
        let body = """
            {"key": "u1", "value": {"page": "/a", "n": [1, 2.50]}, "timestamp": 1000}
            {"value": "plain text", "key": null}

            {"value": 42, "timestamp": 1002}
            """
        let produced = try await broker.send(.POST, "/topics/events/records", body: Array(body.utf8), contentType: BrokerJSONLines.contentType)
        #expect(produced.status == 200, "\(produced.text)")
        #expect(produced.text == #"{"positions":[{"offset":0,"partition":0},{"offset":1,"partition":0},{"offset":2,"partition":0}]}"#)

        let fetched = try await broker.send(.GET, "/topics/events/partitions/0/records?offset=0")
        #expect(fetched.status == 200)
        #expect(fetched.header("Content-Type") == BrokerJSONLines.contentType)
        #expect(fetched.text == """
            {"offset":0,"timestamp":1000,"key":"u1","value":{"page":"/a","n":[1,2.50]}}
            {"offset":1,"timestamp":1700000000000,"key":null,"value":"plain text"}
            {"offset":2,"timestamp":1002,"key":null,"value":42}

            """)
        #expect(fetched.header("Sluice-Next-Offset") == "3")
        #expect(fetched.header("Sluice-Partition-Start-Offset") == "0")
        #expect(fetched.header("Sluice-Partition-End-Offset") == "3")

        let stored = try await onThread { try broker.log.fetch(topic: "events", partition: 0, fromOffset: 0, maxBytes: 1 << 20) }
        #expect(stored.records.map { String(decoding: $0.value, as: UTF8.self) } == [#"{"page":"/a","n":[1,2.50]}"#, #""plain text""#, "42"])
        #expect(stored.records[0].key == Array("u1".utf8))
        #expect(broker.server.statistics.producedRecordCount == 3)
        await broker.stop()
    }

    @Test func binaryRoundTripThroughTheClient() async throws {
        let broker = try await RunningBroker.start()
        let client = broker.client()
        try await onThread { try client.createTopic("bytes", configuration: TopicConfiguration(partitionCount: 4)) }
        var random = SeededRandomGenerator(seed: 7)
        let records = (0..<300).map { index in
            LogRecord(
                timestampMillis: 5_000 + Int64(index),
                key: index % 5 == 0 ? nil : Array("k\(index % 11)".utf8),
                value: (0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
        }
        let positions = try await onThread { try client.produce(topic: "bytes", records: records) }
        #expect(positions.count == records.count)
        #expect(Set(positions.map(\.partition)).count == 4)

        for partition in 0..<4 {
            var offset: Int64 = 0
            var read: [StoredRecord] = []
            while true {
                let from = offset
                let fetched = try await onThread { try client.fetch(topic: "bytes", partition: partition, fromOffset: from, maxBytes: 700) }
                read += fetched.records
                offset = fetched.nextOffset
                if offset == fetched.partitionEndOffset { break }
            }
            let expected = zip(records, positions).filter { $0.1.partition == partition }.map { record, position in
                StoredRecord(offset: position.offset, timestampMillis: record.timestampMillis, key: record.key, value: record.value)
            }
            #expect(read == expected)
        }
        await broker.stop()
    }

    @Test func fetchByTimestamp() async throws {
        let broker = try await RunningBroker.start()
        let client = broker.client()
        try await onThread { try client.createTopic("t", configuration: TopicConfiguration(partitionCount: 1)) }
        let records = (0..<10).map { LogRecord(timestampMillis: 1_000 + Int64($0) * 100, value: Array("v\($0)".utf8)) }
        _ = try await onThread { try client.produce(topic: "t", records: records) }

        #expect(try await onThread { try client.offset(topic: "t", partition: 0, forTimestampMillis: 1_350) } == 4)
        #expect(try await onThread { try client.offset(topic: "t", partition: 0, forTimestampMillis: 99_999) } == 10)
        let fetched = try await broker.send(.GET, "/topics/t/partitions/0/records?timestamp=1700&maxBytes=1")
        #expect(fetched.text == #"{"offset":7,"timestamp":1700,"key":null,"value":"v7"}"# + "\n")
        #expect(fetched.header("Sluice-Next-Offset") == "8")
        await broker.stop()
    }

    @Test func longPollAnswersWhenARecordArrives() async throws {
        // A poll interval far above the test's duration: only the produce's wake-up can end the wait in time.
        let broker = try await RunningBroker.start(fetchPollIntervalMillis: 10_000)
        let client = broker.client()
        try await onThread { try client.createTopic("live", configuration: TopicConfiguration(partitionCount: 1)) }

        let started = ContinuousClock.now
        let empty = try await onThread { try client.fetch(topic: "live", partition: 0, fromOffset: 0, maxBytes: 1024, waitMillis: 30) }
        #expect(empty.records.isEmpty)
        #expect(ContinuousClock.now - started >= .milliseconds(30))

        let waiting = Task { try await onThread { try client.fetch(topic: "live", partition: 0, fromOffset: 0, maxBytes: 1024, waitMillis: 5_000) } }
        try await Task.sleep(for: .milliseconds(50))
        let producedAt = ContinuousClock.now
        _ = try await onThread { try client.produce(topic: "live", records: [LogRecord(timestampMillis: 1, value: Array("hello".utf8))]) }
        let fetched = try await waiting.value
        #expect(fetched.records.map(\.value) == [Array("hello".utf8)])
        #expect(ContinuousClock.now - producedAt < .seconds(6), "woken by the produce, not the 10 s poll")
        await broker.stop()
    }

    @Test func consumerGroupOffsets() async throws {
        let broker = try await RunningBroker.start()
        let client = broker.client()
        try await onThread { try client.createTopic("orders", configuration: TopicConfiguration(partitionCount: 3)) }
        #expect(try await onThread { try client.committedOffsets(group: "billing", topic: "orders") }.isEmpty)
        try await onThread { try client.commitOffsets(group: "billing", topic: "orders", offsets: [0: 5, 2: 7]) }
        try await onThread { try client.commitOffsets(group: "billing", topic: "orders", offsets: [2: 9]) }
        #expect(try await onThread { try client.committedOffsets(group: "billing", topic: "orders") } == [0: 5, 2: 9])
        #expect(try await onThread { try client.committedOffsets(group: "audit", topic: "orders") }.isEmpty)

        let raw = try await broker.send(.GET, "/groups/billing/offsets?topic=orders")
        #expect(raw.text == #"{"offsets":{"0":5,"2":9},"topic":"orders"}"#)
        let missingTopic = try await broker.send(.GET, "/groups/billing/offsets")
        #expect(missingTopic.status == 400)
        let badKey = try await broker.send(.POST, "/groups/billing/offsets", body: Array(#"{"topic":"orders","offsets":{"x":1}}"#.utf8))
        #expect(badKey.status == 400)
        #expect(try badKey.errorAnswer().error.contains("'x' is not a partition number"))
        await broker.stop()
    }
}
