import SluiceCore
import Streaming

/// A test double: a thread-safe `TopicLog` kept in memory, so broker tests do not depend on the
/// on-disk store. Keys hash by FNV-1a (not `TopicPartitioner`); retention is not modelled.
final class InMemoryTopicLog: TopicLog, @unchecked Sendable {
    // Sendable: all state is guarded by `lock`.
    private struct Topic {
        var configuration: TopicConfiguration
        var partitions: [[StoredRecord]]
        var nextRoundRobin = 0
    }

    private let lock = Mutex()
    private var topics: [String: Topic] = [:]
    private var groups: [String: [Int: Int64]] = [:]

    init() {}

    @discardableResult
    func createTopic(_ name: String, configuration: TopicConfiguration) throws -> TopicDescription {
        try lock.withLock {
            guard !name.isEmpty, !name.contains("/") else { throw SluiceError.userInput("invalid topic name '\(name)'") }
            guard topics[name] == nil else {
                throw SluiceError(.userInput, "topic '\(name)' already exists", condition: .alreadyExists)
            }
            topics[name] = Topic(configuration: configuration, partitions: Array(repeating: [], count: configuration.partitionCount))
            return describe(name, topics[name]!)
        }
    }

    func topicNames() throws -> [String] { lock.withLock { topics.keys.sorted() } }

    func describeTopic(_ name: String) throws -> TopicDescription {
        try lock.withLock { describe(name, try topic(name)) }
    }

    func produce(topic name: String, records: [LogRecord]) throws -> [RecordPosition] {
        try lock.withLock {
            var topic = try topic(name)
            var positions: [RecordPosition] = []
            for record in records {
                let partition: Int
                if let key = record.key {
                    partition = Int(Self.fnv1a(key) % UInt64(topic.partitions.count))
                } else {
                    partition = topic.nextRoundRobin % topic.partitions.count
                    topic.nextRoundRobin += 1
                }
                let offset = Int64(topic.partitions[partition].count)
                topic.partitions[partition].append(
                    StoredRecord(offset: offset, timestampMillis: record.timestampMillis, key: record.key, value: record.value))
                positions.append(RecordPosition(partition: partition, offset: offset))
            }
            topics[name] = topic
            return positions
        }
    }

    func fetch(topic name: String, partition: Int, fromOffset: Int64, maxBytes: Int) throws -> FetchedRecords {
        try lock.withLock {
            let records = try partitionRecords(name, partition)
            let end = Int64(records.count)
            guard fromOffset >= 0, fromOffset <= end else {
                throw SluiceError.userInput("offset \(fromOffset) is outside partition \(partition) of '\(name)' (0..<\(end))")
            }
            var taken: [StoredRecord] = []
            var bytes = 0
            for record in records[Int(fromOffset)...] {
                let size = record.value.count + (record.key?.count ?? 0) + 20
                if !taken.isEmpty, bytes + size > maxBytes { break }
                taken.append(record)
                bytes += size
            }
            return FetchedRecords(records: taken, nextOffset: fromOffset + Int64(taken.count), partitionStartOffset: 0, partitionEndOffset: end)
        }
    }

    func offset(topic name: String, partition: Int, forTimestampMillis timestampMillis: Int64) throws -> Int64 {
        try lock.withLock {
            let records = try partitionRecords(name, partition)
            return records.first { $0.timestampMillis >= timestampMillis }?.offset ?? Int64(records.count)
        }
    }

    func commitOffsets(group: String, topic: String, offsets: [Int: Int64]) throws {
        try lock.withLock {
            _ = try self.topic(topic)
            groups[group + "\u{0}" + topic, default: [:]].merge(offsets) { $1 }
        }
    }

    func committedOffsets(group: String, topic: String) throws -> [Int: Int64] {
        lock.withLock { groups[group + "\u{0}" + topic] ?? [:] }
    }

    // MARK: - Helpers (called with the lock held)

    private func topic(_ name: String) throws -> Topic {
        guard let topic = topics[name] else { throw SluiceError(.userInput, "no topic '\(name)'", condition: .notFound) }
        return topic
    }

    private func partitionRecords(_ name: String, _ partition: Int) throws -> [StoredRecord] {
        let topic = try topic(name)
        guard topic.partitions.indices.contains(partition) else {
            throw SluiceError(.userInput, "topic '\(name)' has no partition \(partition)", condition: .notFound)
        }
        return topic.partitions[partition]
    }

    private func describe(_ name: String, _ topic: Topic) -> TopicDescription {
        TopicDescription(
            name: name, configuration: topic.configuration,
            partitions: topic.partitions.enumerated().map { index, records in
                TopicPartitionDescription(
                    partition: index, startOffset: 0, endOffset: Int64(records.count),
                    sizeBytes: records.reduce(0) { $0 + $1.value.count + ($1.key?.count ?? 0) + 20 }, segmentCount: 1)
            })
    }

    private static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
