/// What one map task wrote for a shuffle: its segments for each reduce partition.
public struct MapOutput: Sendable {
    /// `segmentsByPartition[r]` are the segments for reduce partition `r`, in write order.
    public var segmentsByPartition: [[ShuffleSegment]]
    /// Memory reserved from the budget for the in-memory segments, released when they go.
    public var reservedMemoryBytes: Int

    public init(segmentsByPartition: [[ShuffleSegment]], reservedMemoryBytes: Int) {
        self.segmentsByPartition = segmentsByPartition
        self.reservedMemoryBytes = reservedMemoryBytes
    }

    /// Bytes per reduce partition, as the scheduler's map status reports them.
    public var partitionByteCounts: [Int] {
        segmentsByPartition.map { $0.reduce(0) { $0 + $1.byteCount } }
    }
}
