import SluiceCore

/// One thread's partial aggregation: a grouping table plus one accumulator per aggregate,
/// fed batch by batch; states of several threads are merged by `PartitionedMerge`.
///
/// Threading: owned by one thread at a time. `makeEmpty()` only reads configuration, so a
/// prototype may make states for several threads at once (hence `@unchecked Sendable`).
final class GroupedAggregation: @unchecked Sendable {
    let plan: AggregationPlan
    private(set) var table: any GroupKeyTable
    private(set) var accumulators: [any AggregateAccumulator]
    private var groupIds: [Int32] = []
    /// The bytes last reported to the reservation.
    private var reportedBytes = 0
    /// The bytes of this state when it was made: what starting over cannot go below.
    private let initialBytes: Int

    init(plan: AggregationPlan, table: any GroupKeyTable, accumulators: [any AggregateAccumulator]) {
        self.plan = plan
        self.table = table
        self.accumulators = accumulators
        for accumulator in accumulators { accumulator.resize(groupCount: table.groupCount) }
        initialBytes = accumulators.reduce(table.memoryBytes) { $0 + $1.memoryBytes }
    }

    /// A state for `plan`, checking that every aggregate is supported.
    /// - Throws: `SluiceError` (internal) for an aggregate the binder should not have produced.
    convenience init(plan: AggregationPlan) throws {
        self.init(plan: plan, table: GroupKeyTables.make(keyTypes: plan.groupKeys.map(\.type)),
                  accumulators: try plan.aggregates.map { try AggregateAccumulators.make(for: $0) })
    }

    /// An empty state of the same plan.
    func makeEmpty() -> GroupedAggregation {
        GroupedAggregation(plan: plan, table: table.makeEmpty(), accumulators: accumulators.map { $0.makeEmpty() })
    }

    /// Adds the rows of `batch`. When the states of all threads outgrow `memory`'s limit, this
    /// state moves its groups to `spill` and starts over empty, unless it holds less than
    /// twice what an empty state does (starting over would free little, and spilling a few
    /// groups per batch costs more than it saves; the other threads' states are larger).
    /// - Throws: `SluiceError` from evaluating keys or arguments, on overflow, from writing
    ///   the spill, or (without `spill`) when the states outgrow the limit.
    func consume(_ batch: RecordBatch, memory: MemoryReservation?, spill: AggregateSpill? = nil) throws {
        let rowCount = batch.rowCount
        guard rowCount > 0 else { return }
        let keys = try plan.groupKeys.map { try ExpressionEvaluator.evaluate($0, on: batch) }
        table.findOrInsert(keys: keys, rowCount: rowCount, ids: &groupIds)
        let arguments = try plan.arguments.map { try ExpressionEvaluator.evaluate($0, on: batch) }
        let groupCount = table.groupCount
        try groupIds.withUnsafeBufferPointer { allIds in
            let ids = UnsafeBufferPointer(rebasing: allIds[0..<rowCount])
            for (index, accumulator) in accumulators.enumerated() {
                accumulator.resize(groupCount: groupCount)
                try accumulator.update(groups: ids, argument: plan.argumentIndices[index].map { arguments[$0] })
            }
        }
        if let memory {
            let bytes = memoryBytes
            let totalBytes = memory.record(from: reportedBytes, to: bytes)
            reportedBytes = bytes
            guard totalBytes > memory.limitBytes else { return }
            guard let spill else { throw memory.limitError(totalBytes: totalBytes) }
            guard bytes >= 2 * initialBytes else { return }
            try spill.write(self)
            table = table.makeEmpty()
            accumulators = accumulators.map { $0.makeEmpty() }
            for accumulator in accumulators { accumulator.resize(groupCount: table.groupCount) }
            groupIds = []
            memory.record(from: reportedBytes, to: memoryBytes)
            reportedBytes = memoryBytes
        }
    }

    /// The blocks of a spill chunk holding groups `groups`: their keys (rows of `keys`, this
    /// table's `keyColumns()`), then each accumulator's `stateColumns`.
    func spillBlocks(groups: [Int32], keys: [Column]) -> [[Column]] {
        let rows = groups.map(Int.init)
        return [keys.map { $0.take(rows) }] + accumulators.map { $0.stateColumns(groups: groups) }
    }

    /// The column types of each block `spillBlocks` writes.
    var spillBlockTypes: [[DataType]] { [plan.groupKeys.map(\.type)] + accumulators.map(\.stateTypes) }

    /// A state of the same plan holding the groups of a spill chunk (blocks as `spillBlocks`
    /// wrote them), with ids 0..<count in the order they were written.
    /// - Throws: `SluiceError` (internal) when the blocks do not fit this plan.
    func restored(from blocks: [[Column]]) throws -> GroupedAggregation {
        guard blocks.count == 1 + accumulators.count else { throw mismatchedStateError("aggregation") }
        let keys = blocks[0]
        // Without keys there is exactly one group, and its key block has no columns to count.
        let groupCount = keys.first?.count ?? 1
        let restoredTable = table.makeEmpty()
        var ids: [Int32] = []
        if !keys.isEmpty { restoredTable.findOrInsert(keys: keys, rowCount: groupCount, ids: &ids) }
        guard restoredTable.groupCount == groupCount else { throw mismatchedStateError("group key") }
        let restoredAccumulators = try zip(accumulators, blocks.dropFirst()).map { accumulator, columns in
            let restored = accumulator.makeEmpty()
            try restored.restoreState(groupCount: groupCount, from: columns)
            return restored
        }
        return GroupedAggregation(plan: plan, table: restoredTable, accumulators: restoredAccumulators)
    }

    /// Folds groups `sources` of `other` (a state of the same plan) into this state.
    func absorb(_ other: GroupedAggregation, groups sources: [Int32]) throws {
        let targets = table.insertGroups(of: other.table, sources)
        for (accumulator, otherAccumulator) in zip(accumulators, other.accumulators) {
            accumulator.resize(groupCount: table.groupCount)
            try accumulator.merge(from: otherAccumulator, sources: sources, targets: targets)
        }
    }

    /// The output columns: the keys of every group, then each aggregate's values.
    func finishedColumns() throws -> [Column] {
        for accumulator in accumulators { accumulator.resize(groupCount: table.groupCount) }
        return table.keyColumns() + (try accumulators.map { try $0.finish() })
    }

    var memoryBytes: Int { accumulators.reduce(table.memoryBytes) { $0 + $1.memoryBytes } }
}
