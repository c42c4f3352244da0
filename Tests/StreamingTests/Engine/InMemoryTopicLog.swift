import SluiceCore
@testable import Streaming

/// A test double of the topic log: topics held in memory, partitions chosen by a simple key
/// hash (or round robin), fetches by offset and record count. Thread-safe. Only for the engine
/// tests until they run against the embedded topic store.
final class InMemoryTopicLog: TopicLog, @unchecked Sendable {
    // Sendable: `topics` and `groups` are guarded by `lock`.
    private let lock = Mutex()
    private var topics: [String: (configuration: TopicConfiguration, partitions: [[StoredRecord]])] = [:]
    private var groups: [String: [Int: Int64]] = [:]
    private var roundRobin = 0

    @discardableResult
    func createTopic(_ name: String, configuration: TopicConfiguration) throws -> TopicDescription {
        try lock.withLock {
            guard topics[name] == nil else {
                throw SluiceError(.userInput, "topic \(name) exists", condition: .alreadyExists)
            }
            topics[name] = (configuration, Array(repeating: [], count: configuration.partitionCount))
            return describeLocked(name)
        }
    }

    func topicNames() throws -> [String] { lock.withLock { topics.keys.sorted() } }

    func deleteTopic(_ name: String) throws {
        try lock.withLock {
            guard topics.removeValue(forKey: name) != nil else { throw SluiceError(.userInput, "no topic \(name)", condition: .notFound) }
        }
    }

    func describeTopic(_ name: String) throws -> TopicDescription {
        try lock.withLock {
            guard topics[name] != nil else { throw SluiceError(.userInput, "no topic \(name)", condition: .notFound) }
            return describeLocked(name)
        }
    }

    private func describeLocked(_ name: String) -> TopicDescription {
        let topic = topics[name]!
        return TopicDescription(name: name, configuration: topic.configuration, partitions: topic.partitions.enumerated().map {
            TopicPartitionDescription(partition: $0.offset, startOffset: 0, endOffset: Int64($0.element.count), sizeBytes: 0, segmentCount: 1)
        })
    }

    func produce(topic: String, records: [LogRecord]) throws -> [RecordPosition] {
        try lock.withLock {
            guard var entry = topics[topic] else { throw SluiceError(.userInput, "no topic \(topic)", condition: .notFound) }
            let count = entry.partitions.count
            var positions: [RecordPosition] = []
            for record in records {
                let partition: Int
                if let key = record.key {
                    partition = Int(key.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 } % UInt32(count))
                } else {
                    partition = roundRobin % count
                    roundRobin += 1
                }
                positions.append(try appendLocked(&entry, record, partition: partition))
            }
            topics[topic] = entry
            return positions
        }
    }

    /// Appends records to a chosen partition (tests that lay out partitions themselves).
    func produce(topic: String, partition: Int, records: [LogRecord]) throws {
        try lock.withLock {
            guard var entry = topics[topic] else { throw SluiceError(.userInput, "no topic \(topic)", condition: .notFound) }
            for record in records { _ = try appendLocked(&entry, record, partition: partition) }
            topics[topic] = entry
        }
    }

    private func appendLocked(_ entry: inout (configuration: TopicConfiguration, partitions: [[StoredRecord]]), _ record: LogRecord,
                              partition: Int) throws -> RecordPosition {
        let offset = Int64(entry.partitions[partition].count)
        entry.partitions[partition].append(StoredRecord(offset: offset, timestampMillis: record.timestampMillis, key: record.key,
                                                        value: record.value))
        return RecordPosition(partition: partition, offset: offset)
    }

    func fetch(topic: String, partition: Int, fromOffset: Int64, maxBytes: Int) throws -> FetchedRecords {
        try lock.withLock {
            guard let entry = topics[topic] else { throw SluiceError(.userInput, "no topic \(topic)", condition: .notFound) }
            let records = entry.partitions[partition]
            guard fromOffset >= 0, fromOffset <= Int64(records.count) else {
                throw SluiceError.userInput("offset \(fromOffset) is outside partition \(partition) of \(topic)")
            }
            var taken: [StoredRecord] = []
            var bytes = 0
            var index = Int(fromOffset)
            while index < records.count, taken.isEmpty || bytes + records[index].value.count <= maxBytes {
                bytes += records[index].value.count + 16
                taken.append(records[index])
                index += 1
            }
            return FetchedRecords(records: taken, nextOffset: Int64(index), partitionStartOffset: 0,
                                  partitionEndOffset: Int64(records.count))
        }
    }

    func offset(topic: String, partition: Int, forTimestampMillis timestampMillis: Int64) throws -> Int64 {
        try lock.withLock {
            guard let entry = topics[topic] else { throw SluiceError(.userInput, "no topic \(topic)", condition: .notFound) }
            let records = entry.partitions[partition]
            return records.first { $0.timestampMillis >= timestampMillis }?.offset ?? Int64(records.count)
        }
    }

    func commitOffsets(group: String, topic: String, offsets: [Int: Int64]) throws {
        lock.withLock { groups[group + "/" + topic, default: [:]].merge(offsets) { $1 } }
    }

    func committedOffsets(group: String, topic: String) throws -> [Int: Int64] {
        lock.withLock { groups[group + "/" + topic] ?? [:] }
    }

    /// Adds empty partitions to a topic (as a broker's partition increase would).
    func addPartitions(topic: String, count: Int) {
        lock.withLock {
            topics[topic]?.configuration.partitionCount += count
            topics[topic]?.partitions += Array(repeating: [], count: count)
        }
    }

    /// Every record of a topic, partition by partition (empty when there is no such topic).
    func allRecords(_ topic: String) -> [StoredRecord] {
        lock.withLock { topics[topic]?.partitions.flatMap { $0 } ?? [] }
    }
}
