import SluiceCore

/// A topic read partition by partition through a `TopicLog`.
struct TopicStreamSource: StreamSource {
    let log: any TopicLog
    let topic: String
    let startingAt: StartingPosition

    var sourceDescription: String { "topic:\(topic)" }
    var sourceName: String { topic }

    func endOffsets() throws -> [Int64] {
        try log.describeTopic(topic).partitions.map(\.endOffset)
    }

    func initialOffsets() throws -> [Int64] {
        let partitions = try log.describeTopic(topic).partitions
        switch startingAt {
        case .earliest:
            return partitions.map(\.startOffset)
        case .latest:
            return partitions.map(\.endOffset)
        case .timestamp(let millis):
            return try partitions.map { try log.offset(topic: topic, partition: $0.partition, forTimestampMillis: millis) }
        case .offsets(let offsets):
            return partitions.map { $0.partition < offsets.count ? Swift.max(offsets[$0.partition], $0.startOffset) : $0.startOffset }
        }
    }

    /// Pushes the task's offsets `[start, end)` as messages, fetching large chunks; a record a
    /// closure threw on goes to the task's dead letters.
    func push(_ task: StreamTask, _ emit: (TopicMessage, Int64) throws -> Void) throws {
        var next = task.startOffset
        while next < task.endOffset {
            let fetched = try log.fetch(topic: topic, partition: task.partition, fromOffset: next, maxBytes: task.fetchBytesMax)
            guard !fetched.records.isEmpty else {
                throw SluiceError.data("partition \(task.partition) of topic \(topic) returned no records at offset \(next), "
                                       + "below the end offset \(task.endOffset) planned for this batch")
            }
            task.currentMessages = fetched.records
            for index in fetched.records.indices {
                let record = fetched.records[index]
                guard record.offset < task.endOffset else { break }
                task.currentIndex = index
                task.currentOffset = record.offset
                task.currentIsLate = false
                task.recordsRead += 1
                let message = TopicMessage(partition: task.partition, offset: record.offset, timestampMillis: record.timestampMillis,
                                           keyBytes: record.keyBytes, valueBytes: record.valueBytes)
                do {
                    try emit(message, record.timestampMillis)
                } catch let failure as StreamClosureFailure {
                    task.recordDeadLetter(failure)
                }
            }
            next = Swift.min(fetched.nextOffset, task.endOffset)
        }
        task.currentMessages = []
    }
}
