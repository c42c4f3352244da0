/// A topic as the broker sees it now: its configuration and the state of each partition.
public struct TopicDescription: Sendable, Codable, Equatable {
    public var name: String
    public var configuration: TopicConfiguration
    /// One entry per partition, in partition order.
    public var partitions: [TopicPartitionDescription]

    public init(name: String, configuration: TopicConfiguration, partitions: [TopicPartitionDescription]) {
        self.name = name
        self.configuration = configuration
        self.partitions = partitions
    }
}

/// One partition of a topic: the offsets it holds and what they take on disk.
public struct TopicPartitionDescription: Sendable, Codable, Equatable {
    public var partition: Int
    /// The oldest offset still readable.
    public var startOffset: Int64
    /// The offset the next record will get; `endOffset - startOffset` records are readable.
    public var endOffset: Int64
    public var sizeBytes: Int
    public var segmentCount: Int
    /// Closed segments whose files were moved to the tier file system (still readable).
    public var tieredSegmentCount: Int

    public init(partition: Int, startOffset: Int64, endOffset: Int64, sizeBytes: Int, segmentCount: Int, tieredSegmentCount: Int = 0) {
        self.partition = partition
        self.startOffset = startOffset
        self.endOffset = endOffset
        self.sizeBytes = sizeBytes
        self.segmentCount = segmentCount
        self.tieredSegmentCount = tieredSegmentCount
    }
}
