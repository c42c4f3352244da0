import SluiceCore
#if canImport(Glibc)
import Glibc
#endif

/// A nested-loop join: holds the right input in memory and pairs every left row with every
/// right row, keeping the pairs for which `condition` is TRUE (all pairs when it is nil: a
/// cross join). For joins without equality keys, or with conditions a hash join cannot use.
///
/// The condition is evaluated vectorized over blocks of (left rows × right rows) pairs of about
/// `4 × batchRowCountTarget` pairs, so the output of one call stays bounded. Every `JoinKind`
/// is supported; for mark and null-aware anti joins a NULL condition value counts as an
/// unknown comparison (a mark is then NULL instead of FALSE, a null-aware anti join drops the
/// row), as SQL's `IN` and `NOT IN` need.
///
/// Threading: `next()` may be called from several threads. The first calls drain the right
/// input with `context.threadCount` threads; afterwards each call joins a piece of a left batch
/// on the calling thread. For joins that end with right rows (right, full, right semi, right
/// anti) the caller finishing the last piece emits them.
public final class NestedLoopJoinStream: BatchStream, @unchecked Sendable {
    public let schema: Schema
    public let kind: JoinKind
    private let left: any BatchStream
    private let right: any BatchStream
    private let conditionExpression: PhysicalExpression?
    private let condition: JoinCondition?
    private let context: ExecutionContext
    private let output: JoinOutput
    private let coordinator: JoinProbeCoordinator
    private let buildLock = Mutex()
    private var built: Result<[Column], any Error>?
    private let pairsPerBlock: Int

    /// - Parameters:
    ///   - kind: how left and right rows combine.
    ///   - left: the left input, streamed.
    ///   - right: the right input, held in memory.
    ///   - condition: a BOOLEAN expression over left columns ++ right columns; nil pairs every
    ///     row with every row.
    ///   - outputSchema: the output's names and types, in the layout `kind` prescribes.
    public init(kind: JoinKind, left: any BatchStream, right: any BatchStream, condition: PhysicalExpression?,
                outputSchema: Schema, context: ExecutionContext) {
        self.kind = kind
        self.schema = outputSchema
        self.left = left
        self.right = right
        self.conditionExpression = condition
        self.condition = condition.map { JoinCondition($0, leftColumnCount: left.schema.count) }
        self.context = context
        self.output = JoinOutput(kind: kind, schema: outputSchema, leftColumnCount: left.schema.count)
        self.coordinator = JoinProbeCoordinator(tracksBuildMatches: kind.endsWithRightRows)
        self.pairsPerBlock = max(4 * context.batchRowCountTarget, 64)
    }

    public var operatorName: String { "NestedLoopJoin" }

    public var operatorDetails: String {
        "\(kind.rawValue)" + (conditionExpression.map { ", condition: \($0)" } ?? ", cross")
    }

    public var inputs: [any BatchStream] { [left, right] }

    public func next() throws -> RecordBatch? {
        let rightColumns = try rightSide()
        let rightRowCount = rightColumns.first?.count ?? 0
        if rightRowCount == 0, kind.dropsUnmatchedLeftRows {
            return nil
        }
        return try coordinator.nextOutput(
            pullLeft: { try left.next() },
            process: { batch in try joinAndReport(batch, rightColumns: rightColumns) },
            emitUnmatched: { emitClosingRightRows(rightColumns) })
    }

    /// The right input's columns, drained by the first caller while later ones wait.
    private func rightSide() throws -> [Column] {
        try buildLock.withLock {
            if built == nil {
                built = Result {
                    let budget = JoinMemoryBudget(limitBytes: context.memoryLimitBytes)
                    let states = try StreamDrain.drain(right, threadCount: context.threadCount,
                                                       makeState: { [RecordBatch]() }) { batches, batch in
                        guard batch.rowCount > 0 else { return }
                        try budget.add(batch)
                        batches.append(batch)
                    }
                    let batches = states.flatMap { $0 }
                    let columns = right.schema.fields.indices.map { index in
                        Column.concatenate(batches.map { $0.columns[index] }, type: right.schema.fields[index].type)
                    }
                    coordinator.prepare(buildRowCount: batches.reduce(0) { $0 + $1.rowCount })
                    return columns
                }
            }
            return try built!.get()
        }
    }

    /// Joins a left batch, or the first piece of it when the whole would make too many pairs
    /// (the other pieces go to other callers).
    private func joinAndReport(_ batch: RecordBatch, rightColumns: [Column]) throws {
        let rightRowCount = rightColumns.first?.count ?? 0
        let pieceRows = max(1, pairsPerBlock / max(1, rightRowCount))
        var pieces: [RecordBatch] = []
        var first = batch
        if batch.rowCount > pieceRows {
            pieces = stride(from: pieceRows, to: batch.rowCount, by: pieceRows).map { start in
                slice(batch, start..<min(batch.rowCount, start + pieceRows))
            }
            first = slice(batch, 0..<pieceRows)
        }
        let (outputs, matchedRightRows) = try join(first, rightColumns: rightColumns)
        if coordinator.finishProbe(outputs: outputs, pieces: pieces, matchedBuildRows: matchedRightRows) {
            emitClosingRightRows(rightColumns)
        }
    }

    /// The output of a left piece against every right row, block by block, and the right rows
    /// it matched (joins that end with right rows).
    private func join(_ piece: RecordBatch, rightColumns: [Column]) throws -> ([RecordBatch], [Int32]) {
        let rowCount = piece.rowCount
        guard rowCount > 0 else { return ([], []) }
        let rightRowCount = rightColumns.first?.count ?? 0
        let outputsPairs = kind.outputsPairs
        let tracksRightMatches = kind.endsWithRightRows
        let tracksUnknown = condition != nil && (kind == .mark || kind == .nullAwareAnti)
        let blockRightRows = max(1, pairsPerBlock / rowCount)

        var matches = JoinProbeMatches(kind: kind, rowCount: rowCount)
        var unknownRows: [Bool]? = tracksUnknown ? [Bool](repeating: false, count: rowCount) : nil
        var outputs: [RecordBatch] = []
        var matchedRightRows: [Int32] = []
        for blockStart in stride(from: 0, to: rightRowCount, by: blockRightRows) {
            let blockEnd = min(rightRowCount, blockStart + blockRightRows)
            var pairs = JoinPairs()
            pairs.reserve(rowCount * (blockEnd - blockStart))
            for row in 0..<rowCount {
                for rightRow in blockStart..<blockEnd { pairs.append(probeRow: row, buildRow: Int32(rightRow)) }
            }
            if let condition {
                if tracksUnknown {
                    let values = try condition.evaluate(probe: piece, build: rightColumns, pairs: pairs)
                    guard case .boolean(let truths) = values.values else {
                        throw SluiceError.internal("join condition produced \(values.type), not BOOLEAN")
                    }
                    var kept: [Int32] = []
                    for position in 0..<pairs.count {
                        if values.isNull(position) {
                            unknownRows![Int(pairs.probeRows[position])] = true
                        } else if truths[position] {
                            kept.append(Int32(position))
                        }
                    }
                    pairs.keep(positions: kept)
                } else {
                    pairs.keep(positions: try condition.select(probe: piece, build: rightColumns, pairs: pairs))
                }
            }
            try matches.record(pairs)
            if tracksRightMatches { matchedRightRows.append(contentsOf: pairs.buildRows) }
            if outputsPairs, !pairs.isEmpty {
                outputs.append(output.pairs(probe: piece, build: rightColumns,
                                            probeRows: pairs.probeRows, buildRows: pairs.buildRows))
            }
        }
        if let closing = matches.closingOutput(
            probe: piece, build: rightColumns, output: output, unknownRows: unknownRows,
            everyRowUnknown: false, buildIsEmpty: rightRowCount == 0) {
            outputs.append(closing)
        }
        return (outputs, matchedRightRows)
    }

    private func slice(_ batch: RecordBatch, _ range: Range<Int>) -> RecordBatch {
        let rows = range.map { Int32($0) }
        return RecordBatch(schema: batch.schema, columns: batch.columns.map { JoinColumnGather.gather($0, at: rows) })
    }

    /// Queues the right rows that end the join.
    private func emitClosingRightRows(_ rightColumns: [Column]) {
        coordinator.enqueueClosingBuildRows(build: rightColumns, output: output, chunkRows: max(1, context.batchRowCountTarget))
    }
}
