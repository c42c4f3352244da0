/// A topic a `TopicStore` has open: its settings and one log per partition, in partition order.
///
/// Thread-safe: immutable; each partition log has its own lock.
final class OpenTopic: Sendable {
    let name: String
    let configuration: TopicConfiguration
    let partitions: [PartitionLog]

    init(name: String, configuration: TopicConfiguration, partitions: [PartitionLog]) {
        self.name = name
        self.configuration = configuration
        self.partitions = partitions
    }

    func describe() -> TopicDescription {
        TopicDescription(name: name, configuration: configuration, partitions: partitions.enumerated().map { index, log in
            let summary = log.summary
            return TopicPartitionDescription(
                partition: index, startOffset: summary.startOffset, endOffset: summary.endOffset, sizeBytes: summary.sizeBytes,
                segmentCount: summary.segmentCount, tieredSegmentCount: summary.tieredSegmentCount)
        })
    }
}
