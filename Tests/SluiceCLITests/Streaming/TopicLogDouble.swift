import SluiceCore
import Streaming

/// A test double: topics in memory, keys hashed by their byte sum, for running the topic
/// commands' producer and consumer in process. Thread-safe.
final class TopicLogDouble: TopicLog, @unchecked Sendable {
    // Sendable: all state is guarded by `lock`.
    private let lock = Mutex()
    private var partitionsByTopic: [String: [[StoredRecord]]] = [:]
    private var configurations: [String: TopicConfiguration] = [:]
    private var groupOffsets: [String: [Int: Int64]] = [:]
    private(set) var produceCallCount = 0

    @discardableResult
    func createTopic(_ name: String, configuration: TopicConfiguration) throws -> TopicDescription {
        try lock.withLock {
            guard partitionsByTopic[name] == nil else { throw SluiceError(.userInput, "topic '\(name)' exists", condition: .alreadyExists) }
            partitionsByTopic[name] = Array(repeating: [], count: configuration.partitionCount)
            configurations[name] = configuration
        }
        return try describeTopic(name)
    }

    func topicNames() throws -> [String] { lock.withLock { partitionsByTopic.keys.sorted() } }

    func deleteTopic(_ name: String) throws {
        try lock.withLock {
            guard partitionsByTopic.removeValue(forKey: name) != nil else {
                throw SluiceError(.userInput, "topic '\(name)' does not exist", condition: .notFound)
            }
            configurations[name] = nil
        }
    }

    func describeTopic(_ name: String) throws -> TopicDescription {
        try lock.withLock {
            let partitions = try records(name)
            return TopicDescription(
                name: name, configuration: configurations[name]!,
                partitions: partitions.indices.map {
                    TopicPartitionDescription(partition: $0, startOffset: 0, endOffset: Int64(partitions[$0].count), sizeBytes: 0, segmentCount: 1)
                })
        }
    }

    func produce(topic: String, records produced: [LogRecord]) throws -> [RecordPosition] {
        try lock.withLock {
            var partitions = try records(topic)
            produceCallCount += 1
            let positions = produced.enumerated().map { index, record in
                let partition = record.key.map { $0.reduce(0) { $0 + Int($1) } % partitions.count } ?? index % partitions.count
                let offset = Int64(partitions[partition].count)
                partitions[partition].append(StoredRecord(offset: offset, timestampMillis: record.timestampMillis, key: record.key, value: record.value))
                return RecordPosition(partition: partition, offset: offset)
            }
            partitionsByTopic[topic] = partitions
            return positions
        }
    }

    func fetch(topic: String, partition: Int, fromOffset: Int64, maxBytes: Int) throws -> FetchedRecords {
        try lock.withLock {
            let stored = try records(topic)[partition]
            let taken = Array(stored[Int(fromOffset)...].prefix(3))
            return FetchedRecords(records: taken, nextOffset: fromOffset + Int64(taken.count), partitionStartOffset: 0, partitionEndOffset: Int64(stored.count))
        }
    }

    func offset(topic: String, partition: Int, forTimestampMillis timestampMillis: Int64) throws -> Int64 {
        try lock.withLock {
            let stored = try records(topic)[partition]
            return stored.first { $0.timestampMillis >= timestampMillis }?.offset ?? Int64(stored.count)
        }
    }

    func commitOffsets(group: String, topic: String, offsets: [Int: Int64]) throws {
        lock.withLock { groupOffsets[group + "/" + topic, default: [:]].merge(offsets) { $1 } }
    }

    func committedOffsets(group: String, topic: String) throws -> [Int: Int64] {
        lock.withLock { groupOffsets[group + "/" + topic] ?? [:] }
    }

    private func records(_ topic: String) throws -> [[StoredRecord]] {
        guard let partitions = partitionsByTopic[topic] else { throw SluiceError(.userInput, "no topic '\(topic)'", condition: .notFound) }
        return partitions
    }
}
