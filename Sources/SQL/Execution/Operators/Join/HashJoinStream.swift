import SluiceCore
#if canImport(Glibc)
import Glibc
#endif

/// A hash join: builds a hash table over the right input, then probes it with batches of the
/// left input, for every `JoinKind`.
///
/// The planner decides which side is built: `probe` is always the LEFT input and `build` the
/// RIGHT one (to build the other side it swaps the inputs and flips left and right kinds, and
/// semi and anti joins into right semi and right anti joins).
/// Keys are evaluated over each side's own batches and are pairwise of equal types; a NULL key
/// never matches. A pair whose keys are equal matches only when `residual` (over left columns
/// ++ right columns) is TRUE; for semi, anti, null-aware anti and mark joins the residual
/// decides the match too. Output columns follow `JoinKind`; names and types come from
/// `outputSchema`. Mark and null-aware anti joins judge NULLs by key, as `JoinKind` states: a
/// left row is unknown when its key has a NULL or some right row's key has one.
///
/// Threading: `next()` may be called from several threads. The first calls drain the right
/// input with `context.threadCount` threads (each thread evaluates and hashes the keys of the
/// batches it pulled) and build one table; afterwards each call pulls a left batch and probes
/// it on the calling thread. For right, full, right semi and right anti joins the matched right
/// rows are recorded under a lock, and the caller that finishes the last probe after the left
/// input ended emits the right rows that end the join (the unmatched ones, or the matched ones of
/// a right semi join).
///
/// Memory: when the right side passes `context.memoryLimitBytes` while it is drained, the join
/// turns into a grace hash join: the right rows (those drained so far and the rest), then all
/// left rows, are split by the hash of their keys into `spillPartitionCount` partitions written
/// to `context.spillDirectory`; then the partitions are joined one after another, each right
/// partition as an in-memory table probed by its left partition, so memory holds one
/// partition. Facts that need the whole right side (is it empty, has it a NULL key) are
/// gathered while partitioning. The files are deleted as each partition is done, and when the
/// join fails or the stream goes away. A partition is not split further: one larger than the
/// limit (say, many rows of one key) is still joined in memory.
public final class HashJoinStream: BatchStream, @unchecked Sendable {
    public let schema: Schema
    public let kind: JoinKind
    private let probe: any BatchStream
    private let build: any BatchStream
    private let probeKeys: [PhysicalExpression]
    private let buildKeys: [PhysicalExpression]
    private let residual: PhysicalExpression?
    private let condition: JoinCondition?
    private let context: ExecutionContext
    private let output: JoinOutput
    private let coordinator: JoinProbeCoordinator
    private let buildLock = Mutex()
    private var built: Result<BuiltSide, any Error>?
    private let spillCountLock = Mutex()
    private var spilledPartitionCount = 0

    /// How many partitions a spilling join splits its inputs into (a power of two).
    static let spillPartitionCount = 16

    /// The right side once drained.
    private enum BuiltSide {
        /// It fit in memory.
        case table(JoinHashTable)
        /// Both sides were partitioned to disk.
        case spilled(JoinSpill)
    }

    /// - Parameters:
    ///   - kind: how left (probe) and right (build) rows combine.
    ///   - probe: the left input, streamed.
    ///   - build: the right input, held in memory.
    ///   - probeKeys: key expressions over `probe`'s batches.
    ///   - buildKeys: key expressions over `build`'s batches, of the same types pairwise.
    ///   - residual: an extra BOOLEAN condition over left columns ++ right columns, or nil.
    ///   - outputSchema: the output's names and types, in the layout `kind` prescribes.
    public init(kind: JoinKind, probe: any BatchStream, build: any BatchStream,
                probeKeys: [PhysicalExpression], buildKeys: [PhysicalExpression],
                residual: PhysicalExpression?, outputSchema: Schema, context: ExecutionContext) {
        precondition(probeKeys.count == buildKeys.count && !probeKeys.isEmpty,
                     "a hash join needs the same, non-zero number of keys on both sides")
        self.kind = kind
        self.schema = outputSchema
        self.probe = probe
        self.build = build
        self.probeKeys = probeKeys
        self.buildKeys = buildKeys
        self.residual = residual
        self.condition = residual.map { JoinCondition($0, leftColumnCount: probe.schema.count) }
        self.context = context
        self.output = JoinOutput(kind: kind, schema: outputSchema, leftColumnCount: probe.schema.count)
        self.coordinator = JoinProbeCoordinator(tracksBuildMatches: kind.endsWithRightRows)
    }

    public var operatorName: String { "HashJoin" }

    public var operatorDetails: String {
        let keys = zip(probeKeys, buildKeys).map { "\($0) = \($1)" }.joined(separator: ", ")
        var details = "\(kind.rawValue), keys: [\(keys)]"
        if let residual { details += ", residual: \(residual)" }
        let partitionCount = spillCountLock.withLock { spilledPartitionCount }
        if partitionCount > 0 { details += ", spilled: \(partitionCount) partitions" }
        return details
    }

    public var inputs: [any BatchStream] { [probe, build] }

    public func next() throws -> RecordBatch? {
        switch try builtSide() {
        case .table(let table): return try nextInMemory(table)
        case .spilled(let spill): return try nextSpilled(spill)
        }
    }

    private func nextInMemory(_ table: JoinHashTable) throws -> RecordBatch? {
        if table.rowCount == 0, kind.dropsUnmatchedLeftRows {
            return nil
        }
        return try coordinator.nextOutput(
            pullLeft: { try probe.next() },
            process: { batch in try probeAndReport(batch, table: table, coordinator: coordinator) },
            emitUnmatched: { emitClosingBuildRows(table, coordinator: coordinator) })
    }

    /// `next()` of a spilled join: the work of the partition being joined, moving on to the
    /// next partition once one has handed out all of its output.
    private func nextSpilled(_ spill: JoinSpill) throws -> RecordBatch? {
        let facts = BuildFacts(hasNullKey: spill.buildHasNullKey, isEmpty: spill.buildRowCount == 0)
        while true {
            guard let partition = try spill.currentPartition(load: loadPartition) else { return nil }
            let coordinator = partition.coordinator
            let output = try coordinator.nextOutput(
                pullLeft: {
                    do { return try partition.nextProbeBatch() } catch {
                        spill.fail()
                        throw error
                    }
                },
                process: { batch in
                    try spill.failingOnError {
                        try probeAndReport(batch, table: partition.table, coordinator: coordinator, facts: facts)
                    }
                },
                emitUnmatched: { emitClosingBuildRows(partition.table, coordinator: coordinator) })
            if let output { return output }
            spill.finished(partition)
        }
    }

    // MARK: - Build

    /// The drained right side, built by the first caller while later ones wait for it.
    private func builtSide() throws -> BuiltSide {
        try buildLock.withLock {
            if built == nil {
                built = Result { try buildSide() }
            }
            return try built!.get()
        }
    }

    private func buildSide() throws -> BuiltSide {
        let budget = JoinMemoryBudget(limitBytes: context.memoryLimitBytes)
        let keys = buildKeys
        let isIntegerKey = JoinKeyHashing.isIntegerKey(keys.map(\.type))
        let partitions = JoinSpillPartitions(
            partitionBits: Self.spillPartitionCount.trailingZeroBitCount, types: build.schema.fields.map(\.type),
            directory: context.spillDirectory, flushBytes: spillFlushBytes,
            dropsNullKeys: !coordinatorTracksBuildMatches)
        let states = try StreamDrain.drain(build, threadCount: context.threadCount, makeState: { [JoinBuildPart]() }) { parts, batch in
            guard batch.rowCount > 0 else { return }
            let keyColumns = try keys.map { try ExpressionEvaluator.evaluate($0, on: batch) }
            if budget.hasExceededLimit {
                try Self.spill(&parts, into: partitions)
                try partitions.add(columns: batch.columns, keyColumns: keyColumns)
                return
            }
            let hashes = isIntegerKey ? [] : JoinKeyHashing.hashes(keyColumns)
            parts.append(JoinBuildPart(columns: batch.columns, keyColumns: keyColumns, hashes: hashes))
            // Rows, chain links and hashes; computed keys are held twice until concatenated.
            if !budget.fits(adding: batch, extraBytes: batch.rowCount * (isIntegerKey ? 12 : 20)) {
                try Self.spill(&parts, into: partitions)
            }
        }
        guard budget.hasExceededLimit else {
            let table = try JoinHashTable(parts: states.flatMap { $0 }, schema: build.schema, keys: keys,
                                          threadCount: context.threadCount)
            coordinator.prepare(buildRowCount: table.rowCount)
            return .table(table)
        }
        for var parts in states { try Self.spill(&parts, into: partitions) }
        let buildFiles = try partitions.finish()

        let probePartitions = JoinSpillPartitions(
            partitionBits: Self.spillPartitionCount.trailingZeroBitCount, types: probe.schema.fields.map(\.type),
            directory: context.spillDirectory, flushBytes: spillFlushBytes,
            // A left row with a NULL key matches nothing; only these kinds leave it out.
            dropsNullKeys: kind.dropsUnmatchedLeftRows)
        let probeKeys = self.probeKeys
        _ = try StreamDrain.drain(probe, threadCount: context.threadCount, makeState: { () }) { _, batch in
            guard batch.rowCount > 0 else { return }
            let keyColumns = try probeKeys.map { try ExpressionEvaluator.evaluate($0, on: batch) }
            try probePartitions.add(columns: batch.columns, keyColumns: keyColumns)
        }
        let probeFiles = try probePartitions.finish()
        spillCountLock.withLock { spilledPartitionCount = partitions.partitionCount }
        return .spilled(JoinSpill(buildFiles: buildFiles, probeFiles: probeFiles,
                                  buildRowCount: partitions.rowCount, buildHasNullKey: partitions.hasNullKey))
    }

    /// Whether right rows are emitted at the end (right, full, right semi and right anti joins).
    private var coordinatorTracksBuildMatches: Bool { kind.endsWithRightRows }

    /// The bytes a spill partition buffers before writing a block.
    private var spillFlushBytes: Int {
        min(max(context.memoryLimitBytes / (4 * Self.spillPartitionCount), 16 << 10), 4 << 20)
    }

    /// Moves right rows held in memory to the partitions.
    private static func spill(_ parts: inout [JoinBuildPart], into partitions: JoinSpillPartitions) throws {
        for part in parts {
            try partitions.add(columns: part.columns, keyColumns: part.keyColumns)
        }
        parts.removeAll()
    }

    /// A partition's right rows as a hash table, with its own probe bookkeeping; nil when the
    /// partition cannot produce output.
    private func loadPartition(buildFile: SortSpillFile?, probeFile: SortSpillFile?) throws -> JoinSpilledPartition? {
        if probeFile == nil, !coordinatorTracksBuildMatches { return nil }
        if buildFile == nil, probeFile == nil || kind.dropsUnmatchedLeftRows { return nil }
        var parts: [JoinBuildPart] = []
        if let buildFile {
            let types = build.schema.fields.map(\.type)
            let isIntegerKey = JoinKeyHashing.isIntegerKey(buildKeys.map(\.type))
            for block in 0..<buildFile.blockCount {
                let columns = try buildFile.readBlock(block, types: types)
                let batch = RecordBatch(schema: build.schema, columns: columns)
                let keyColumns = try buildKeys.map { try ExpressionEvaluator.evaluate($0, on: batch) }
                let hashes = isIntegerKey ? [] : JoinKeyHashing.hashes(keyColumns)
                parts.append(JoinBuildPart(columns: columns, keyColumns: keyColumns, hashes: hashes))
            }
        }
        let table = try JoinHashTable(parts: parts, schema: build.schema, keys: buildKeys, threadCount: context.threadCount)
        let coordinator = JoinProbeCoordinator(tracksBuildMatches: coordinatorTracksBuildMatches)
        coordinator.prepare(buildRowCount: table.rowCount)
        return JoinSpilledPartition(table: table, coordinator: coordinator, probeFile: probeFile, probeSchema: probe.schema)
    }

    // MARK: - Probe

    /// What a probe needs to know about the whole right side, which a spilled partition's
    /// table alone does not tell.
    private struct BuildFacts {
        let hasNullKey: Bool
        let isEmpty: Bool
    }

    private func probeAndReport(_ batch: RecordBatch, table: JoinHashTable, coordinator: JoinProbeCoordinator,
                                facts: BuildFacts? = nil) throws {
        let facts = facts ?? BuildFacts(hasNullKey: table.hasNullKey, isEmpty: table.rowCount == 0)
        let (outputs, matchedBuildRows) = try probeBatch(batch, table: table, facts: facts)
        if coordinator.finishProbe(outputs: outputs, matchedBuildRows: matchedBuildRows) {
            emitClosingBuildRows(table, coordinator: coordinator)
        }
    }

    /// The output of one left batch, in pieces of about `batchRowCountTarget` matches, and the
    /// right rows it matched (joins that end with right rows).
    private func probeBatch(_ batch: RecordBatch, table: JoinHashTable, facts: BuildFacts) throws -> ([RecordBatch], [Int32]) {
        let rowCount = batch.rowCount
        guard rowCount > 0 else { return ([], []) }
        let keys = try probeKeys.map { try ExpressionEvaluator.evaluate($0, on: batch) }
        let integerKeys = table.integerKeys == nil ? nil : JoinKeyHashing.integerKeys(keys)
        let hashes = integerKeys == nil ? JoinKeyHashing.hashes(keys) : []
        let nullRows = JoinKeyHashing.nullRows(keys)
        let outputsPairs = kind.outputsPairs
        let tracksBuildMatches = kind.endsWithRightRows
        let existenceOnly = kind == .semi || kind == .anti || kind == .nullAwareAnti || kind == .mark
        let pairsMax = max(context.batchRowCountTarget, 16)

        var matches = JoinProbeMatches(kind: kind, rowCount: rowCount)
        var outputs: [RecordBatch] = []
        var matchedBuildRows: [Int32] = []
        var cursor = JoinProbeCursor.start
        while table.rowCount > 0, !cursor.isFinished(rowCount: rowCount) {
            var pairs = JoinPairs()
            pairs.reserve(min(pairsMax, rowCount))
            table.collectCandidates(
                probeKeys: integerKeys, probeHashes: hashes, probeNullRows: nullRows, rowCount: rowCount,
                cursor: &cursor, pairsMax: pairsMax, firstMatchOnly: existenceOnly && condition == nil, into: &pairs)
            if integerKeys == nil {
                JoinKeyHashing.keepEqualKeys(probe: keys, build: table.keyColumns, pairs: &pairs)
            }
            if let condition, !pairs.isEmpty {
                pairs.keep(positions: try condition.select(probe: batch, build: table.columns, pairs: pairs))
            }
            try matches.record(pairs)
            if tracksBuildMatches { matchedBuildRows.append(contentsOf: pairs.buildRows) }
            if outputsPairs, !pairs.isEmpty {
                outputs.append(output.pairs(probe: batch, build: table.columns,
                                            probeRows: pairs.probeRows, buildRows: pairs.buildRows))
            }
        }
        if let closing = matches.closingOutput(
            probe: batch, build: table.columns, output: output, unknownRows: nullRows,
            everyRowUnknown: facts.hasNullKey, buildIsEmpty: facts.isEmpty) {
            outputs.append(closing)
        }
        return (outputs, matchedBuildRows)
    }

    /// Queues the right rows that end the join.
    private func emitClosingBuildRows(_ table: JoinHashTable, coordinator: JoinProbeCoordinator) {
        coordinator.enqueueClosingBuildRows(build: table.columns, output: output, chunkRows: max(1, context.batchRowCountTarget))
    }
}
