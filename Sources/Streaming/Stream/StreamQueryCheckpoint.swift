/// Where a stream query stands by its newest checkpoint: what `sluice pipeline status` shows.
public struct StreamQueryCheckpoint: Sendable, Equatable {
    /// The newest batch whose state is checkpointed.
    public var batchId: Int64
    /// Per source partition, the next offset the query reads.
    public var nextOffsets: [Int64]
    /// The watermark after that batch; nil before any event time was seen.
    public var watermarkMillis: Int64?
    /// Records read, late and sent to dead letters over the query's life.
    public var recordsRead: Int64
    public var lateRecords: Int64
    public var deadLetters: Int64

    /// Records the source holds that the query has not read: per partition, the end offset
    /// past the next offset, added up.
    public func lagRecords(endOffsets: [Int64]) -> Int64 {
        endOffsets.enumerated().reduce(0) { lag, partition in
            let next = partition.offset < nextOffsets.count ? nextOffsets[partition.offset] : 0
            return lag + max(0, partition.element - next)
        }
    }
}
