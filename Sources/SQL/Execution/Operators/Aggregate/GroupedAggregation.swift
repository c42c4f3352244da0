import SluiceCore

/// One thread's partial aggregation: a grouping table plus one accumulator per aggregate,
/// fed batch by batch; states of several threads are merged by `PartitionedMerge`.
///
/// Threading: owned by one thread at a time. `makeEmpty()` only reads configuration, so a
/// prototype may make states for several threads at once (hence `@unchecked Sendable`).
final class GroupedAggregation: @unchecked Sendable {
    let plan: AggregationPlan
    let table: any GroupKeyTable
    let accumulators: [any AggregateAccumulator]
    private var groupIds: [Int32] = []
    /// The bytes last reported to the reservation.
    private var reportedBytes = 0

    init(plan: AggregationPlan, table: any GroupKeyTable, accumulators: [any AggregateAccumulator]) {
        self.plan = plan
        self.table = table
        self.accumulators = accumulators
        for accumulator in accumulators { accumulator.resize(groupCount: table.groupCount) }
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

    /// Adds the rows of `batch`.
    /// - Throws: `SluiceError` from evaluating keys or arguments, on overflow, or when the
    ///   states of all threads outgrow `memory`'s limit.
    func consume(_ batch: RecordBatch, memory: MemoryReservation?) throws {
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
            try memory.resize(from: reportedBytes, to: bytes)
            reportedBytes = bytes
        }
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
