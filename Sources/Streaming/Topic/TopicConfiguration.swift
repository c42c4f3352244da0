/// How a topic is laid out and how long it keeps its records.
public struct TopicConfiguration: Sendable, Codable, Equatable {
    public var partitionCount: Int
    /// Segments whose newest record is older than this are deleted; nil keeps records forever.
    public var retentionMillis: Int64?
    /// Each partition is kept at or under this size by deleting its oldest segments; nil keeps any size.
    public var retentionBytesPerPartitionMax: Int?
    /// A partition's active segment is closed and a new one started past this size.
    public var segmentBytesMax: Int

    public init(partitionCount: Int = 1, retentionMillis: Int64? = nil, retentionBytesPerPartitionMax: Int? = nil,
                segmentBytesMax: Int = 64 * 1024 * 1024) {
        self.partitionCount = partitionCount
        self.retentionMillis = retentionMillis
        self.retentionBytesPerPartitionMax = retentionBytesPerPartitionMax
        self.segmentBytesMax = segmentBytesMax
    }
}
