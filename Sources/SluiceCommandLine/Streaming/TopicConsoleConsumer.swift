#if canImport(Glibc)
import Glibc
#endif
import SluiceCore
import Streaming

/// Reads a topic's records in offset order per partition and hands each value to `emit`, like
/// Kafka's console consumer: a group resumes from its committed offsets, else the start
/// (`fromBeginning`) or the end; `fromTimestampMillis` overrides both.
///
/// With a group, the offsets of what was emitted are committed after each fetched batch (after
/// `emit` returned for its records): at-least-once, a crash may print a batch again.
/// Value type; one consumer per run.
struct TopicConsoleConsumer {
    let log: any TopicLog
    let topic: String
    var group: String?
    var partition: Int?
    var fromBeginning = false
    var fromTimestampMillis: Int64?
    /// Stop after this many records; nil for no limit.
    var recordCountMax: Int?
    /// Keep waiting for new records once caught up, instead of stopping.
    var follow = false
    var fetchBytesMax = 1 << 20
    /// How long one wait for new records lasts when following.
    var followWaitMillis = 500

    /// Reads until caught up (or `recordCountMax`, or forever when following).
    /// - Returns: how many records were emitted.
    func run(emit: (StoredRecord) throws -> Void, flush: () -> Void = {}) throws -> Int {
        let description = try log.describeTopic(topic)
        let partitions: [TopicPartitionDescription]
        if let partition {
            guard let chosen = description.partitions.first(where: { $0.partition == partition }) else {
                throw SluiceError(.userInput, "topic '\(topic)' has no partition \(partition) (it has \(description.partitions.count))", condition: .notFound)
            }
            partitions = [chosen]
        } else {
            partitions = description.partitions
        }
        var nextOffsets = try startOffsets(partitions)
        var emitted = 0
        while true {
            var caughtUp = true
            for partition in partitions.map(\.partition) {
                if let recordCountMax, emitted >= recordCountMax { return emitted }
                let fetched = try fetch(partition: partition, from: nextOffsets[partition]!, waitMillis: 0)
                var next = nextOffsets[partition]!
                for record in fetched.records {
                    if let recordCountMax, emitted >= recordCountMax { break }
                    try emit(record)
                    emitted += 1
                    next = record.offset + 1
                }
                if next == nextOffsets[partition]! { next = fetched.nextOffset }
                if next != nextOffsets[partition]! {
                    nextOffsets[partition] = next
                    flush()
                    if let group { try log.commitOffsets(group: group, topic: topic, offsets: [partition: next]) }
                }
                if next < fetched.partitionEndOffset { caughtUp = false }
            }
            if let recordCountMax, emitted >= recordCountMax { return emitted }
            if caughtUp {
                guard follow else { return emitted }
                try waitForRecords(partitions: partitions.map(\.partition), nextOffsets: nextOffsets)
            }
        }
    }

    private func startOffsets(_ partitions: [TopicPartitionDescription]) throws -> [Int: Int64] {
        let committed = try group.map { try log.committedOffsets(group: $0, topic: topic) } ?? [:]
        var offsets: [Int: Int64] = [:]
        for partition in partitions {
            if let fromTimestampMillis {
                offsets[partition.partition] = try log.offset(topic: topic, partition: partition.partition, forTimestampMillis: fromTimestampMillis)
            } else if let offset = committed[partition.partition] {
                offsets[partition.partition] = min(max(offset, partition.startOffset), partition.endOffset)
            } else {
                offsets[partition.partition] = fromBeginning ? partition.startOffset : partition.endOffset
            }
        }
        return offsets
    }

    private func fetch(partition: Int, from offset: Int64, waitMillis: Int) throws -> FetchedRecords {
        if let client = log as? BrokerClient {
            return try client.fetch(topic: topic, partition: partition, fromOffset: offset, maxBytes: fetchBytesMax, waitMillis: waitMillis)
        }
        return try log.fetch(topic: topic, partition: partition, fromOffset: offset, maxBytes: fetchBytesMax)
    }

    /// Blocks until a partition has records past its next offset, or a wait ran out. A broker is
    /// asked to hold the fetch (long poll, on the first partition); the embedded store is
    /// looked at again after a pause.
    private func waitForRecords(partitions: [Int], nextOffsets: [Int: Int64]) throws {
        if log is BrokerClient, partitions.count == 1, let partition = partitions.first {
            _ = try fetch(partition: partition, from: nextOffsets[partition]!, waitMillis: followWaitMillis)
        } else {
            usleep(UInt32(min(followWaitMillis, 100)) * 1000)
        }
    }
}
