/// Gets the map output a reduce task reads: from this process's store (local mode), or from the
/// workers that hold it (cluster). Readers ask the environment's fetcher and never the store.
public protocol ShuffleFetcher: Sendable {
    /// The segments of reduce partition `reducePartition` from map partitions `0..<mapPartitionCount`,
    /// in map partition order.
    ///
    /// Threading: called on the task's thread; may block it while fetching.
    /// - Throws: `ShuffleFetchFailure` naming the first map partition whose output is gone.
    func segments(shuffleId: Int, reducePartition: Int, mapPartitionCount: Int, task: TaskContext) throws -> [ShuffleSegment]
}

/// Reads map output from this process's `ShuffleOutputStore` (every map task ran here).
public struct LocalShuffleFetcher: ShuffleFetcher {
    public init() {}

    public func segments(shuffleId: Int, reducePartition: Int, mapPartitionCount: Int, task: TaskContext) throws -> [ShuffleSegment] {
        try task.environment.shuffleOutputs.segments(shuffleId: shuffleId, reducePartition: reducePartition, mapPartitionCount: mapPartitionCount)
    }
}
