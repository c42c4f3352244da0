import SluiceCore
#if canImport(Glibc)
import Glibc
#endif

/// A hash join: builds a hash table over the right input, then probes it with batches of the
/// left input, for every `JoinKind`.
///
/// The planner decides which side is built: `probe` is always the LEFT input and `build` the
/// RIGHT one (to build the other side it swaps the inputs and flips left and right kinds).
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
/// it on the calling thread. For right and full joins the matched right rows are recorded
/// under a lock, and the caller that finishes the last probe after the left input ended emits
/// the unmatched right rows.
///
/// Memory: the right side must fit `context.memoryLimitBytes`; a larger one fails the query
/// (partitioning to `context.spillDirectory` is not implemented).
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
    private var built: Result<JoinHashTable, any Error>?

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
        self.coordinator = JoinProbeCoordinator(tracksBuildMatches: kind == .right || kind == .full)
    }

    public var operatorName: String { "HashJoin" }

    public var operatorDetails: String {
        let keys = zip(probeKeys, buildKeys).map { "\($0) = \($1)" }.joined(separator: ", ")
        var details = "\(kind.rawValue), keys: [\(keys)]"
        if let residual { details += ", residual: \(residual)" }
        return details
    }

    public var inputs: [any BatchStream] { [probe, build] }

    public func next() throws -> RecordBatch? {
        let table = try hashTable()
        if table.rowCount == 0, kind == .inner || kind == .right || kind == .semi {
            return nil
        }
        while true {
            switch coordinator.takeWork() {
            case .output(let batch):
                return batch
            case .finished:
                return nil
            case .wait:
                usleep(100)
            case .probe(let batch):
                try coordinator.abandoningOnFailure { try probeAndReport(batch, table: table) }
            case .pullLeft:
                let batch: RecordBatch?
                do {
                    batch = try probe.next()
                } catch {
                    _ = coordinator.leftExhausted()
                    throw error
                }
                guard let batch else {
                    if coordinator.leftExhausted() { emitUnmatchedBuildRows(table) }
                    continue
                }
                try coordinator.abandoningOnFailure { try probeAndReport(batch, table: table) }
            }
        }
    }

    // MARK: - Build

    /// The hash table, built by the first caller while later ones wait for it.
    private func hashTable() throws -> JoinHashTable {
        try buildLock.withLock {
            if built == nil {
                built = Result { try buildHashTable() }
            }
            return try built!.get()
        }
    }

    private func buildHashTable() throws -> JoinHashTable {
        let budget = JoinMemoryBudget(limitBytes: context.memoryLimitBytes)
        let keys = buildKeys
        let isIntegerKey = JoinKeyHashing.isIntegerKey(keys.map(\.type))
        let states = try StreamDrain.drain(build, threadCount: context.threadCount, makeState: { [JoinBuildPart]() }) { parts, batch in
            guard batch.rowCount > 0 else { return }
            let keyColumns = try keys.map { try ExpressionEvaluator.evaluate($0, on: batch) }
            let hashes = isIntegerKey ? [] : JoinKeyHashing.hashes(keyColumns)
            // Rows, chain links and hashes; computed keys are held twice until concatenated.
            try budget.add(batch, extraBytes: batch.rowCount * (isIntegerKey ? 12 : 20))
            parts.append(JoinBuildPart(columns: batch.columns, keyColumns: keyColumns, hashes: hashes))
        }
        let table = try JoinHashTable(parts: states.flatMap { $0 }, schema: build.schema, keys: keys,
                                      threadCount: context.threadCount)
        coordinator.prepare(buildRowCount: table.rowCount)
        return table
    }

    // MARK: - Probe

    private func probeAndReport(_ batch: RecordBatch, table: JoinHashTable) throws {
        let (outputs, matchedBuildRows) = try probeBatch(batch, table: table)
        if coordinator.finishProbe(outputs: outputs, matchedBuildRows: matchedBuildRows) {
            emitUnmatchedBuildRows(table)
        }
    }

    /// The output of one left batch, in pieces of about `batchRowCountTarget` matches, and the
    /// right rows it matched (right and full joins).
    private func probeBatch(_ batch: RecordBatch, table: JoinHashTable) throws -> ([RecordBatch], [Int32]) {
        let rowCount = batch.rowCount
        guard rowCount > 0 else { return ([], []) }
        let keys = try probeKeys.map { try ExpressionEvaluator.evaluate($0, on: batch) }
        let integerKeys = table.integerKeys == nil ? nil : JoinKeyHashing.integerKeys(keys)
        let hashes = integerKeys == nil ? JoinKeyHashing.hashes(keys) : []
        let nullRows = JoinKeyHashing.nullRows(keys)
        let outputsPairs = kind == .inner || kind == .left || kind == .right || kind == .full
        let tracksBuildMatches = kind == .right || kind == .full
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
            everyRowUnknown: table.hasNullKey, buildIsEmpty: table.rowCount == 0) {
            outputs.append(closing)
        }
        return (outputs, matchedBuildRows)
    }

    /// Queues the right rows no left row matched, with NULL left columns.
    private func emitUnmatchedBuildRows(_ table: JoinHashTable) {
        let rows = coordinator.unmatchedBuildRows()
        let chunkRows = max(1, context.batchRowCountTarget)
        let batches = stride(from: 0, to: rows.count, by: chunkRows).map { start in
            output.unmatchedBuild(build: table.columns, rows: Array(rows[start..<min(rows.count, start + chunkRows)]))
        }
        coordinator.enqueue(batches)
    }
}
