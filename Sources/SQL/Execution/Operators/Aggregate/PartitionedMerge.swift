import SluiceCore

/// Combines the thread-local states of a hash aggregation into final columns.
///
/// Groups are split by the top bits of their key hash into partitions; each partition is
/// merged from every state into a fresh state by one task, and tasks run on several threads,
/// so a merge of millions of groups (TPC-H Q18) is not serialized on one core. Few groups are
/// merged as one partition.
enum PartitionedMerge {
    /// Below this many groups in all states, one partition: splitting would cost more than it saves.
    static let partitionedGroupCountMin = 1 << 15
    static let partitionBits = 5

    /// The output columns of each partition (keys, then aggregates); partitions may be empty.
    /// - Throws: `SluiceError` from finishing accumulators (overflow).
    static func finish(_ states: [GroupedAggregation], threadCount: Int) throws -> [[Column]] {
        guard let first = states.first else { return [] }
        if states.count == 1 { return [try first.finishedColumns()] }
        let totalGroupCount = states.reduce(0) { $0 + $1.table.groupCount }
        let bits = totalGroupCount >= partitionedGroupCountMin && threadCount > 1 ? partitionBits : 0
        let partitionCount = 1 << bits
        let workerCount = min(threadCount, max(states.count, partitionCount))

        let groupsByState = TaskResults<[[Int32]]>(count: states.count)
        try StreamDrain.parallel(threadCount: min(workerCount, states.count)) { _ in
            while let index = groupsByState.claim() {
                groupsByState.store(states[index].table.groupsByPartition(bits: bits), at: index)
            }
        }
        let partitionGroups = groupsByState.results
        let merged = TaskResults<[Column]>(count: partitionCount)
        try StreamDrain.parallel(threadCount: min(workerCount, partitionCount)) { _ in
            while let partition = merged.claim() {
                let target = first.makeEmpty()
                for (state, groups) in zip(states, partitionGroups) where !groups[partition].isEmpty {
                    try target.absorb(state, groups: groups[partition])
                }
                merged.store(try target.finishedColumns(), at: partition)
            }
        }
        return merged.results
    }
}

/// Tasks numbered 0..<count handed to whichever thread asks next, and their results.
private final class TaskResults<Result>: @unchecked Sendable {
    private let lock = Mutex()
    private var nextTask = 0
    private var slots: [Result?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.withLock {
            guard nextTask < slots.count else { return nil }
            defer { nextTask += 1 }
            return nextTask
        }
    }

    func store(_ result: Result, at index: Int) { lock.withLock { slots[index] = result } }

    var results: [Result] { lock.withLock { slots.compactMap { $0 } } }
}
