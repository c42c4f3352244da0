import SluiceCore

/// The partial states a hash aggregation moved to disk to stay under its memory limit, and
/// the merge that reads them back one partition at a time.
///
/// A draining thread whose states push the total past the limit writes its groups here,
/// split by the top `partitionBits` bits of their key hash (the split `PartitionedMerge`
/// uses), and starts over with an empty table. Each partition has one spill file holding
/// chunks; a chunk is one block of key columns and then one block of state columns per
/// accumulator (see `GroupedAggregation.spillBlocks`). At the end, partition after partition
/// is merged from the states still in memory plus its chunks, so the merge holds about one
/// partition's groups beyond the in-memory states. A partition is not split further when it
/// alone outgrows the limit.
///
/// Files go away with this object (each `SortSpillFile` unlinks its file when released), so a
/// finished, failed or abandoned aggregation leaves nothing behind.
///
/// Threading: `write` is safe from several draining threads at once (one lock per partition);
/// the merge (`startMerge`, `mergeNextPartition`) runs on one thread at a time.
final class AggregateSpill: @unchecked Sendable {
    // Sendable: each partition's file and chunk count are guarded by its lock; the merge
    // fields are touched only by the single merging thread.
    static let partitionBits = PartitionedMerge.partitionBits

    let directory: String
    private let prototype: GroupedAggregation
    private let partitions: [Partition]
    private let statsLock = Mutex()
    private var writeCount = 0
    private var mergeStates: [GroupedAggregation] = []
    private var mergeGroups: [[[Int32]]] = []
    private var nextPartition = 0

    private final class Partition: @unchecked Sendable {
        let lock = Mutex()
        var file: SortSpillFile?
        var chunkCount = 0
    }

    /// - Parameters:
    ///   - directory: where spill files are created (made when missing).
    ///   - prototype: a state of the aggregation's plan, only read.
    init(directory: String, prototype: GroupedAggregation) {
        self.directory = directory
        self.prototype = prototype
        partitions = (0..<(1 << AggregateSpill.partitionBits)).map { _ in Partition() }
    }

    /// How many times a state was written out.
    var spillCount: Int { statsLock.withLock { writeCount } }

    /// How many partitions have at least one chunk on disk.
    var spilledPartitionCount: Int {
        partitions.reduce(0) { count, partition in count + (partition.lock.withLock { partition.chunkCount > 0 } ? 1 : 0) }
    }

    /// Appends every group of `state` to the files of their partitions; `state` is unchanged.
    /// - Throws: `SluiceError` (io) when a file cannot be created or written.
    func write(_ state: GroupedAggregation) throws {
        let groupsByPartition = state.table.groupsByPartition(bits: AggregateSpill.partitionBits)
        let keys = state.table.keyColumns()
        for (partition, groups) in zip(partitions, groupsByPartition) where !groups.isEmpty {
            let blocks = state.spillBlocks(groups: groups, keys: keys)
            try partition.lock.withLock {
                let file: SortSpillFile
                if let existing = partition.file {
                    file = existing
                } else {
                    file = try SortSpillFile(directory: directory, purpose: "aggregate-partition")
                    partition.file = file
                }
                for (block, rowCount) in zip(blocks, blockRowCounts(blocks, groupCount: groups.count)) {
                    try file.append(block, rows: 0..<rowCount)
                }
                partition.chunkCount += 1
            }
        }
        statsLock.withLock { writeCount += 1 }
    }

    /// The row count of each block: a block without columns (the keys of a global aggregate)
    /// still stands for its groups.
    private func blockRowCounts(_ blocks: [[Column]], groupCount: Int) -> [Int] {
        blocks.map { $0.first?.count ?? groupCount }
    }

    /// Starts merging: `states` are the thread-local states left in memory after draining.
    func startMerge(_ states: [GroupedAggregation]) {
        mergeStates = states
        mergeGroups = states.map { $0.table.groupsByPartition(bits: AggregateSpill.partitionBits) }
        nextPartition = 0
    }

    /// The output columns (keys, then aggregates) of the next partition that has any groups,
    /// or nil when every partition is done (the in-memory states are then released).
    /// - Throws: `SluiceError` (io) when a file cannot be read or is damaged, or from
    ///   finishing accumulators (overflow).
    func mergeNextPartition() throws -> [Column]? {
        while nextPartition < partitions.count {
            let index = nextPartition
            nextPartition += 1
            let partition = partitions[index]
            let hasMemoryGroups = mergeGroups.contains { !$0[index].isEmpty }
            guard hasMemoryGroups || partition.chunkCount > 0 else { continue }
            let target = prototype.makeEmpty()
            for (state, groups) in zip(mergeStates, mergeGroups) where !groups[index].isEmpty {
                try target.absorb(state, groups: groups[index])
            }
            if let file = partition.file {
                let types = prototype.spillBlockTypes
                for chunk in 0..<partition.chunkCount {
                    let blocks = try types.indices.map { block in
                        try file.readBlock(chunk * types.count + block, types: types[block])
                    }
                    let restored = try prototype.restored(from: blocks)
                    try target.absorb(restored, groups: (0..<Int32(restored.table.groupCount)).map { $0 })
                }
                // The partition is done: its file can go now rather than with the whole spill.
                partition.file = nil
            }
            return try target.finishedColumns()
        }
        mergeStates = []
        mergeGroups = []
        return nil
    }
}
