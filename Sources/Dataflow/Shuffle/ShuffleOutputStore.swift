import SluiceCore

/// The map outputs this process holds, by shuffle and map partition; reduce tasks on this process
/// read them directly, and a worker serves them to reduce tasks elsewhere.
public final class ShuffleOutputStore: @unchecked Sendable {
    // Sendable: `outputs` is guarded by `lock`.
    private struct Key: Hashable {
        var shuffleId: Int
        var mapPartition: Int
    }

    private let lock = Mutex()
    private var outputs: [Key: MapOutput] = [:]

    public init() {}

    /// Stores a map task's output, replacing an earlier attempt's (whose memory is released).
    public func store(_ output: MapOutput, shuffleId: Int, mapPartition: Int, budget: MemoryBudget) {
        let replaced = lock.withLock { outputs.updateValue(output, forKey: Key(shuffleId: shuffleId, mapPartition: mapPartition)) }
        if let replaced { budget.release(replaced.reservedMemoryBytes) }
    }

    public func output(shuffleId: Int, mapPartition: Int) -> MapOutput? {
        lock.withLock { outputs[Key(shuffleId: shuffleId, mapPartition: mapPartition)] }
    }

    /// The segments of reduce partition `reducePartition` from map partitions `0..<mapPartitionCount`.
    ///
    /// - Throws: `ShuffleFetchFailure` when a map output is not here (lost with its process).
    public func segments(shuffleId: Int, reducePartition: Int, mapPartitionCount: Int) throws -> [ShuffleSegment] {
        try lock.withLock {
            var segments: [ShuffleSegment] = []
            for mapPartition in 0..<mapPartitionCount {
                guard let output = outputs[Key(shuffleId: shuffleId, mapPartition: mapPartition)] else {
                    throw ShuffleFetchFailure(shuffleId: shuffleId, mapPartition: mapPartition, reason: "map output is not on this process")
                }
                segments.append(contentsOf: output.segmentsByPartition[reducePartition])
            }
            return segments
        }
    }

    /// Forgets every output of a shuffle and releases its memory; files stay until the work folder goes.
    public func remove(shuffleId: Int, budget: MemoryBudget) {
        let removed = lock.withLock { () -> [MapOutput] in
            let keys = outputs.keys.filter { $0.shuffleId == shuffleId }
            return keys.compactMap { outputs.removeValue(forKey: $0) }
        }
        for output in removed { budget.release(output.reservedMemoryBytes) }
    }
}
