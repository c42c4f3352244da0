import SluiceCore
import Streaming
import Testing

@Suite("TopicStore")
struct TopicStoreTests {
    @Test("topics are created, listed, described and found again on reopen")
    func createListDescribe() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let store = try TopicStore(directory: directory.path, configuration: TopicStoreTesting.configuration())
        let settings = TopicConfiguration(partitionCount: 3, retentionMillis: 60_000, segmentBytesMax: 1 << 20)
        let created = try store.createTopic("page.views-v1_x", configuration: settings)
        #expect(created.name == "page.views-v1_x")
        #expect(created.configuration == settings)
        #expect(created.partitions.map(\.partition) == [0, 1, 2])
        #expect(created.partitions.allSatisfy { $0.startOffset == 0 && $0.endOffset == 0 && $0.segmentCount == 1 && $0.tieredSegmentCount == 0 })
        try store.createTopic("clicks", configuration: TopicConfiguration())
        #expect(try store.topicNames() == ["clicks", "page.views-v1_x"])
        _ = try store.produce(topic: "clicks", records: TopicStoreTesting.records(count: 10, seed: 1))
        store.close()
        #expect(throws: SluiceError.self) { try store.topicNames() }

        let reopened = try TopicStore(directory: directory.path, configuration: TopicStoreTesting.configuration())
        #expect(try reopened.topicNames() == ["clicks", "page.views-v1_x"])
        #expect(try reopened.describeTopic("page.views-v1_x") == created)
        let clicks = try reopened.describeTopic("clicks")
        #expect(clicks.configuration == TopicConfiguration())
        #expect(clicks.partitions[0].endOffset == 10)
        #expect(clicks.partitions[0].sizeBytes > 0)
        let settingsText = String(decoding: try LocalFileSystem().readAll(directory.path + "/topics/page.views-v1_x/topic.json"), as: UTF8.self)
        #expect(settingsText == #"{"partitionCount":3,"retentionMillis":60000,"retentionBytesPerPartitionMax":null,"segmentBytesMax":1048576}"# + "\n")
    }

    @Test("duplicate names, invalid names and bad settings are user errors")
    func invalidTopics() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let store = try TopicStore(directory: directory.path, configuration: TopicStoreTesting.configuration())
        try store.createTopic("orders", configuration: TopicConfiguration(partitionCount: 2))
        let duplicate = #expect(throws: SluiceError.self) { try store.createTopic("orders", configuration: TopicConfiguration()) }
        #expect(duplicate?.fault == .userInput)
        #expect(duplicate?.condition == .alreadyExists)
        #expect(duplicate?.message.contains("orders") == true)
        for bad in ["", ".", "..", "a/b", "with space", "ümlaut", String(repeating: "x", count: 201), "semi;colon"] {
            let error = #expect(throws: SluiceError.self) { try store.createTopic(bad, configuration: TopicConfiguration()) }
            #expect(error?.fault == .userInput, "name \(bad)")
        }
        try store.createTopic(String(repeating: "y", count: 200), configuration: TopicConfiguration())
        for count in [0, -1, 1025] {
            let error = #expect(throws: SluiceError.self) { try store.createTopic("t\(count)", configuration: TopicConfiguration(partitionCount: count)) }
            #expect(error?.message.contains("partitions") == true)
        }
        // 1024 partitions are allowed; creating that many folders is too slow for a unit test.
        try store.createTopic("wide", configuration: TopicConfiguration(partitionCount: 64))
        #expect(throws: SluiceError.self) { try store.createTopic("neg", configuration: TopicConfiguration(retentionMillis: -1)) }
        #expect(throws: SluiceError.self) { try store.createTopic("zero", configuration: TopicConfiguration(segmentBytesMax: 0)) }

        let unknown = #expect(throws: SluiceError.self) { try store.describeTopic("order") }
        #expect(unknown?.condition == .notFound)
        #expect(unknown?.message.contains("'order'") == true)
        #expect(unknown?.message.contains("did you mean 'orders'") == true)
        let produce = #expect(throws: SluiceError.self) { try store.produce(topic: "nothing", records: [LogRecord(timestampMillis: 0, value: [1])]) }
        #expect(produce?.condition == .notFound)
    }

    @Test("keyed records go to their key's partition, stable across reopen, and spread")
    func keyPartitioning() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let records = TopicStoreTesting.records(count: 400, seed: 2, keyCount: 50, unkeyedEvery: 1_000_000)
        var partitionOfKey: [[UInt8]: Int] = [:]
        do {
            let store = try TopicStore(directory: directory.path, configuration: TopicStoreTesting.configuration(batched: true))
            try store.createTopic("keyed", configuration: TopicConfiguration(partitionCount: 6))
            let positions = try store.produce(topic: "keyed", records: records)
            for (record, position) in zip(records.dropFirst(), positions.dropFirst()) {
                let key = record.key!
                #expect(position.partition == TopicPartitioner.partition(forKey: key, partitionCount: 6))
                #expect(partitionOfKey[key, default: position.partition] == position.partition)
                partitionOfKey[key] = position.partition
            }
            #expect(Set(partitionOfKey.values).count == 6, "50 keys spread over all 6 partitions")
            try store.sync()
            store.close()
        }
        let reopened = try TopicStore(directory: directory.path, configuration: TopicStoreTesting.configuration())
        let more = TopicStoreTesting.records(count: 100, seed: 3, keyCount: 50, unkeyedEvery: 1_000_000).filter { $0.key != nil }
        for (record, position) in zip(more, try reopened.produce(topic: "keyed", records: more)) {
            #expect(partitionOfKey[record.key!].map { $0 == position.partition } ?? true)
        }
    }

    @Test("records without a key go round robin across the store")
    func roundRobin() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let store = try TopicStore(directory: directory.path, configuration: TopicStoreTesting.configuration(batched: true))
        try store.createTopic("free", configuration: TopicConfiguration(partitionCount: 4))
        let unkeyed = (0..<10).map { LogRecord(timestampMillis: 0, value: [UInt8($0)]) }
        let first = try store.produce(topic: "free", records: unkeyed)
        #expect(first.map(\.partition) == [0, 1, 2, 3, 0, 1, 2, 3, 0, 1])
        #expect(first.map(\.offset) == [0, 0, 0, 0, 1, 1, 1, 1, 2, 2])
        let second = try store.produce(topic: "free", records: Array(unkeyed.prefix(3)))
        #expect(second == [RecordPosition(partition: 2, offset: 2), RecordPosition(partition: 3, offset: 2), RecordPosition(partition: 0, offset: 3)])
        let description = try store.describeTopic("free")
        #expect(description.partitions.map(\.endOffset) == [4, 3, 3, 3])
    }

    @Test("produced records come back from fetch at their positions, across partitions")
    func produceFetchRoundTrip() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let store = try TopicStore(directory: directory.path, configuration: TopicStoreTesting.configuration(batched: true))
        try store.createTopic("events", configuration: TopicConfiguration(partitionCount: 3, segmentBytesMax: 2048))
        let records = TopicStoreTesting.records(count: 900, seed: 4)
        var positions: [RecordPosition] = []
        var random = SeededRandomGenerator(seed: 5)
        var start = 0
        while start < records.count {
            let end = min(records.count, start + Int.random(in: 1...40, using: &random))
            let batch = try store.produce(topic: "events", records: Array(records[start..<end]))
            #expect(batch.count == end - start)
            positions += batch
            start = end
        }
        #expect(Set(positions).count == records.count)
        let description = try store.describeTopic("events")
        for partition in 0..<3 {
            let stored = try TopicStoreTesting.fetchAll(store, topic: "events", partition: partition)
            #expect(TopicStoreTesting.matches(stored, produced: records, positions: positions, partition: partition))
            #expect(description.partitions[partition].endOffset == Int64(stored.count))
            #expect(description.partitions[partition].segmentCount > 1)
        }
        let caughtUp = try store.fetch(topic: "events", partition: 1, fromOffset: description.partitions[1].endOffset, maxBytes: 100)
        #expect(caughtUp.records.isEmpty)
        #expect(caughtUp.nextOffset == caughtUp.partitionEndOffset)
        let one = try store.fetch(topic: "events", partition: 0, fromOffset: 5, maxBytes: 1)
        #expect(one.records.map(\.offset) == [5])
        #expect(one.nextOffset == 6)
        #expect(try store.produce(topic: "events", records: []) == [])
    }

    @Test("fetch names bad partitions and offsets past the end")
    func fetchErrors() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let store = try TopicStore(directory: directory.path, configuration: TopicStoreTesting.configuration())
        try store.createTopic("small", configuration: TopicConfiguration(partitionCount: 2))
        _ = try store.produce(topic: "small", records: (0..<4).map { LogRecord(timestampMillis: 0, value: [UInt8($0)]) })
        for partition in [-1, 2] {
            let error = #expect(throws: SluiceError.self) { try store.fetch(topic: "small", partition: partition, fromOffset: 0, maxBytes: 100) }
            #expect(error?.condition == .notFound)
            #expect(error?.message.contains("partition \(partition)") == true)
        }
        let pastEnd = #expect(throws: SluiceError.self) { try store.fetch(topic: "small", partition: 0, fromOffset: 3, maxBytes: 100) }
        #expect(pastEnd?.fault == .userInput)
        #expect(pastEnd?.message.contains("end offset 2") == true)
        #expect(throws: SluiceError.self) { try store.offset(topic: "small", partition: 9, forTimestampMillis: 0) }
    }

    @Test("offsets by timestamp find the first record at or after it, or the end")
    func offsetsByTimestamp() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let store = try TopicStore(directory: directory.path, configuration: TopicStoreTesting.configuration(batched: true))
        try store.createTopic("timed", configuration: TopicConfiguration(partitionCount: 2, segmentBytesMax: 1024))
        let records = (0..<300).map { LogRecord(timestampMillis: 5_000 + Int64($0) * 10, value: Array("v\($0)".utf8)) }
        let positions = try store.produce(topic: "timed", records: records)
        for timestamp: Int64 in [0, 5_000, 5_005, 6_230, 7_990, 7_991, 100_000] {
            for partition in 0..<2 {
                let expected = zip(records, positions)
                    .filter { $0.1.partition == partition && $0.0.timestampMillis >= timestamp }
                    .map(\.1.offset).min() ?? 150
                #expect(try store.offset(topic: "timed", partition: partition, forTimestampMillis: timestamp) == expected)
            }
        }
    }
}
