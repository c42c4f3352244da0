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
/// Memory: the thread-local states are accounted against `context.memoryLimitBytes`. When they
/// outgrow it, the thread that notices writes its partial states (keys and exact accumulator
/// states, split into the merge's hash partitions) to files in `context.spillDirectory` and
/// starts over; the groups are then merged one partition at a time from memory and disk
/// (`AggregateSpill`), and `operatorDetails` says how many partitions spilled. Spill files are
/// deleted as each partition is merged, and when the stream fails or is released.
///
/// Threading: safe for concurrent `next()`; the first caller does the draining and merging
/// while the others wait, then each caller slices its own batch.
public final class HashAggregateStream: BatchStream, @unchecked Sendable {
    // Sendable: mutable state (`phase`, `nextPartition`, `nextRow`) is guarded by `lock`,
    // `spillSummary` by `summaryLock`.
    public let schema: Schema
    public let groupKeys: [PhysicalExpression]
    public let aggregates: [AggregateCall]
    private let input: any BatchStream
    private let context: ExecutionContext
    private let lock = Mutex()
    private var phase = Phase.notStarted
    private var nextPartition = 0
    private var nextRow = 0
    private let summaryLock = Mutex()
    private var spillSummary: String?

    private enum Phase {
        case notStarted
        case ready([[Column]])
        /// Groups spilled: partitions are merged as the output reaches them; `current` is the
        /// partition being handed out.
        case merging(AggregateSpill, current: [Column])
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
        if let spillSummary = summaryLock.withLock({ spillSummary }) { parts.append(spillSummary) }
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
                    phase = try aggregateInput()
                } catch {
                    phase = .failed(error)
                }
            }
            switch phase {
            case .failed(let error): throw error
            case .notStarted: return nil
            case .merging(let spill, var current):
                while true {
                    let rowCount = current.first?.count ?? 0
                    if nextRow < rowCount {
                        let rows = nextRow..<min(rowCount, nextRow + max(1, context.batchRowCountTarget))
                        nextRow = rows.upperBound
                        return (current, rows)
                    }
                    let merged: [Column]?
                    do {
                        merged = try spill.mergeNextPartition()
                    } catch {
                        phase = .failed(error)
                        throw error
                    }
                    guard let merged else {
                        phase = .ready([])
                        return nil
                    }
                    current = merged
                    nextRow = 0
                    phase = .merging(spill, current: current)
                }
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

    /// Drains the input, then merges it: `.ready` with the output columns of each merge
    /// partition, or `.merging` when groups were spilled.
    private func aggregateInput() throws -> Phase {
        let plan = AggregationPlan(groupKeys: groupKeys, aggregates: aggregates)
        let outputTypes = plan.outputTypes
        guard outputTypes == schema.fields.map(\.type) else {
            throw SluiceError.internal("HashAggregate produces \(outputTypes), its schema says \(schema.fields.map(\.type))")
        }
        let prototype = try GroupedAggregation(plan: plan)
        let memory = MemoryReservation(limitBytes: context.memoryLimitBytes, operatorName: operatorName)
        let spill = AggregateSpill(directory: context.spillDirectory, prototype: prototype)
        let states = try StreamDrain.drain(
            input, threadCount: context.threadCount, makeState: { prototype.makeEmpty() },
            consume: { state, batch in try state.consume(batch, memory: memory, spill: spill) })
        guard spill.spillCount > 0 else {
            return .ready(try PartitionedMerge.finish(states, threadCount: context.threadCount))
        }
        let summary = "spilled: \(spill.spilledPartitionCount) partitions, \(spill.spillCount) times"
        summaryLock.withLock { spillSummary = summary }
        spill.startMerge(states)
        return .merging(spill, current: [])
    }
}
