import SluiceCore

/// `GROUP BY` (and `SELECT DISTINCT`, which is a grouping without aggregates) by hashing:
/// each output row holds one group's key values, then each aggregate's value.
///
/// On the first `next()` the input is drained on `context.threadCount` threads, each into its
/// own hash table of group ids and typed accumulator arrays (partial aggregation); the states
/// are then merged partition by partition on several threads, and the groups are handed out
/// in batches of about `context.batchRowCountTarget` rows. Keys and arguments are evaluated a
/// batch at a time; one integer-like key uses a table that compares integers, other keys are
/// serialized to bytes. NULL keys form one group. Without keys there is exactly one output row,
/// even for empty input (`count` 0, other aggregates NULL). Output order is unspecified.
///
/// Memory: the thread-local states are accounted against `context.memoryLimitBytes`; a query
/// whose hash tables outgrow it fails with a user-input error naming the limit (this operator
/// does not spill).
///
/// Threading: safe for concurrent `next()`; the first caller does the draining and merging
/// while the others wait, then each caller slices its own batch.
public final class HashAggregateStream: BatchStream, @unchecked Sendable {
    // Sendable: mutable state (`phase`, `nextPartition`, `nextRow`) is guarded by `lock`.
    public let schema: Schema
    public let groupKeys: [PhysicalExpression]
    public let aggregates: [AggregateCall]
    private let input: any BatchStream
    private let context: ExecutionContext
    private let lock = Mutex()
    private var phase = Phase.notStarted
    private var nextPartition = 0
    private var nextRow = 0

    private enum Phase {
        case notStarted
        case ready([[Column]])
        case failed(any Error)
    }

    /// - Parameters:
    ///   - groupKeys: the grouping expressions over `input`'s columns; empty for a global aggregate.
    ///   - aggregates: the aggregates, each with its result type (`AggregateCall.resultType`).
    ///   - outputSchema: names and types of the output: the keys' types, then the aggregates'.
    public init(input: any BatchStream, groupKeys: [PhysicalExpression], aggregates: [AggregateCall],
                outputSchema: Schema, context: ExecutionContext) {
        self.input = input
        self.groupKeys = groupKeys
        self.aggregates = aggregates
        self.schema = outputSchema
        self.context = context
    }

    public var operatorName: String { "HashAggregate" }

    public var operatorDetails: String {
        var parts: [String] = []
        if !groupKeys.isEmpty { parts.append("keys: [\(groupKeys.map(\.description).joined(separator: ", "))]") }
        if !aggregates.isEmpty { parts.append("aggregates: [\(aggregates.map(\.description).joined(separator: ", "))]") }
        return parts.joined(separator: ", ")
    }

    public var inputs: [any BatchStream] { [input] }

    /// The next batch of groups.
    /// - Throws: `SluiceError` from the input, from evaluating keys and arguments, on `sum`
    ///   overflow (data, naming the aggregate), or when the memory limit is exceeded; every
    ///   later call rethrows the same error.
    public func next() throws -> RecordBatch? {
        let piece: (columns: [Column], rows: Range<Int>)? = try lock.withLock {
            if case .notStarted = phase {
                do {
                    phase = .ready(try aggregateInput())
                } catch {
                    phase = .failed(error)
                }
            }
            switch phase {
            case .failed(let error): throw error
            case .notStarted: return nil
            case .ready(let partitions):
                while nextPartition < partitions.count {
                    let columns = partitions[nextPartition]
                    let rowCount = columns.first?.count ?? 0
                    if nextRow < rowCount {
                        let rows = nextRow..<min(rowCount, nextRow + max(1, context.batchRowCountTarget))
                        nextRow = rows.upperBound
                        return (columns, rows)
                    }
                    nextPartition += 1
                    nextRow = 0
                }
                return nil
            }
        }
        guard let piece else { return nil }
        let whole = piece.rows.lowerBound == 0 && piece.rows.upperBound == (piece.columns.first?.count ?? 0)
        return RecordBatch(schema: schema, columns: whole ? piece.columns : piece.columns.map { $0.slice(piece.rows) })
    }

    /// Drains and merges the input: the output columns of each merge partition.
    private func aggregateInput() throws -> [[Column]] {
        let plan = AggregationPlan(groupKeys: groupKeys, aggregates: aggregates)
        let outputTypes = plan.outputTypes
        guard outputTypes == schema.fields.map(\.type) else {
            throw SluiceError.internal("HashAggregate produces \(outputTypes), its schema says \(schema.fields.map(\.type))")
        }
        let prototype = try GroupedAggregation(plan: plan)
        let memory = MemoryReservation(limitBytes: context.memoryLimitBytes, operatorName: operatorName)
        let states = try StreamDrain.drain(
            input, threadCount: context.threadCount, makeState: { prototype.makeEmpty() },
            consume: { state, batch in try state.consume(batch, memory: memory) })
        return try PartitionedMerge.finish(states, threadCount: context.threadCount)
    }
}
