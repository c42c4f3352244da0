import SluiceCore

/// How a `TopicStore` writes its partition logs, where it reads the time, and where closed
/// segments are tiered. Per-topic settings (partitions, retention, segment size) are in each
/// topic's `TopicConfiguration`.
public struct TopicStoreConfiguration: Sendable {
    /// When appended records are forced to stable storage; `.everyAppend` acknowledges a
    /// produce only after fsync. With `.batched`, `TopicStore.sync()` forces everything.
    public var flushPolicy: FlushPolicy
    /// Log bytes between two sparse index entries of a segment.
    public var indexIntervalBytes: Int
    /// The time for retention by age and the batched flush policy.
    public var clock: any WallClock
    /// Where `TopicStore.tierClosedSegments()` moves closed segments, as
    /// `<tier.directory>/<topic>/<partition>/`; nil keeps every segment local.
    public var tier: LogTier?

    public init(flushPolicy: FlushPolicy = .everyAppend, indexIntervalBytes: Int = 4096, clock: any WallClock = SystemWallClock(), tier: LogTier? = nil) {
        self.flushPolicy = flushPolicy
        self.indexIntervalBytes = indexIntervalBytes
        self.clock = clock
        self.tier = tier
    }
}
