import SluiceCore

/// How a partition log sizes its segments, indexes them, syncs them and ages them out.
public struct PartitionLogConfiguration: Sendable {
    /// A segment is closed and a new one started when the next batch would grow it past this.
    /// At most `UInt32.max`, because index entries store byte positions as 32 bits.
    public var segmentBytesMax: Int
    /// Log bytes between two sparse index entries; a read scans at most about this much.
    public var indexIntervalBytes: Int
    public var flushPolicy: FlushPolicy
    /// Retention keeps the partition's total size at or under this; nil keeps any size.
    public var retentionBytesMax: Int?
    /// Retention deletes segments whose newest record is older than this; nil keeps any age.
    public var retentionMillis: Int64?
    /// Where the batched flush policy reads the time.
    public var clock: any WallClock
    /// The partition's folder in the tier that `tierClosedSegments()` moves closed segments to;
    /// nil keeps every segment local.
    public var tier: LogTier?

    public init(
        segmentBytesMax: Int = 64 * 1024 * 1024,
        indexIntervalBytes: Int = 4096,
        flushPolicy: FlushPolicy = .everyAppend,
        retentionBytesMax: Int? = nil,
        retentionMillis: Int64? = nil,
        clock: any WallClock = SystemWallClock(),
        tier: LogTier? = nil
    ) {
        precondition(segmentBytesMax > 0 && segmentBytesMax <= Int(UInt32.max), "segmentBytesMax out of range")
        precondition(indexIntervalBytes > 0, "indexIntervalBytes must be positive")
        self.segmentBytesMax = segmentBytesMax
        self.indexIntervalBytes = indexIntervalBytes
        self.flushPolicy = flushPolicy
        self.retentionBytesMax = retentionBytesMax
        self.retentionMillis = retentionMillis
        self.clock = clock
        self.tier = tier
    }
}
