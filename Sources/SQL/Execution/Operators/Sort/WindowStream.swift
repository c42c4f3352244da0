import SluiceCore

/// Window functions (`row_number() OVER (PARTITION BY ... ORDER BY ...)`, ranks, and aggregates
/// over the partition or its running frame): the input's columns followed by one column per
/// call, as `WindowCall` documents.
///
/// The first `next()` drains the input on `context.threadCount` threads, each evaluating the
/// calls' partition, order and argument expressions once per batch. Calls with the same
/// partition and order share one sort by (partition keys, order keys); each call is then computed
/// partition by partition over its sorted rows. Rows come out in the sorted order of the first
/// call, in batches of about `context.batchRowCountTarget` rows.
///
/// The whole input is held in memory (no spilling), and the per-partition work runs on the
/// pulling thread.
///
/// Threading: `next()` is safe from several threads; batches are handed out under a lock.
public final class WindowStream: BatchStream, @unchecked Sendable {
    public let schema: Schema
    public let calls: [WindowCall]
    private let input: any BatchStream
    private let context: ExecutionContext
    private let layout: WindowColumnLayout
    private let lock = Mutex()
    private var isStarted = false
    private var isFinished = false
    /// Input columns, then each call's values (both indexed by input row).
    private var outputColumns: [Column] = []
    /// The input rows in output order.
    private var outputOrder: [Int] = []
    private var nextPosition = 0

    /// - Parameters:
    ///   - calls: window functions over the input's columns.
    ///   - outputSchema: the input's fields followed by one field per call (of its result type).
    public init(input: any BatchStream, calls: [WindowCall], outputSchema: Schema, context: ExecutionContext) {
        self.input = input
        self.calls = calls
        self.schema = outputSchema
        self.context = context
        var expressions: [PhysicalExpression] = []
        for call in calls {
            expressions += call.partitionBy + call.orderBy.map(\.expression)
            if let argument = call.aggregate?.argument { expressions.append(argument) }
        }
        self.layout = WindowColumnLayout(inputSchema: input.schema, expressions: expressions)
    }

    public var operatorName: String { "Window" }
    public var operatorDetails: String { calls.map(\.description).joined(separator: ", ") }
    public var inputs: [any BatchStream] { [input] }

    public func next() throws -> RecordBatch? {
        try lock.withLock {
            guard !isFinished else { return nil }
            do {
                if !isStarted {
                    isStarted = true
                    try computeWindows()
                }
            } catch {
                isFinished = true
                outputColumns = []
                throw error
            }
            guard nextPosition < outputOrder.count else {
                isFinished = true
                outputColumns = []
                return nil
            }
            let end = min(outputOrder.count, nextPosition + max(1, context.batchRowCountTarget))
            let rows = Array(outputOrder[nextPosition..<end])
            nextPosition = end
            return RecordBatch(schema: schema, columns: outputColumns.map { $0.take(rows) })
        }
    }

    private func computeWindows() throws {
        guard schema.count == layout.inputColumnCount + calls.count else {
            throw SluiceError.internal("window output schema has \(schema.count) fields for \(layout.inputColumnCount) input columns and \(calls.count) calls")
        }
        let layout = self.layout
        let states = try StreamDrain.drain(input, threadCount: context.threadCount, makeState: { [[Column]]() },
                                           consume: { chunks, batch in
                                               if batch.rowCount > 0 { chunks.append(try layout.columns(of: batch)) }
                                           })
        let chunks = states.flatMap { $0 }
        let columns: [Column] = layout.columnTypes.indices.map { index in
            chunks.count == 1 ? chunks[0][index]
                : Column.concatenate(chunks.map { $0[index] }, type: layout.columnTypes[index])
        }
        let rowCount = chunks.reduce(0) { $0 + $1[0].count }
        var results = [Column?](repeating: nil, count: calls.count)
        var firstOrder: [Int]?
        for (callIndex, call) in calls.enumerated() where results[callIndex] == nil {
            // Calls over the same window share its sort.
            let sharing = calls.indices.filter { calls[$0].partitionBy == call.partitionBy && calls[$0].orderBy == call.orderBy }
            let partitionKeys = call.partitionBy.map {
                SortKeyVector(column: columns[layout.columnIndex(of: $0)], isAscending: true, nullsFirst: false)
            }
            let orderKeys = call.orderBy.map {
                SortKeyVector(column: columns[layout.columnIndex(of: $0.expression)], isAscending: $0.isAscending, nullsFirst: $0.nullsFirst)
            }
            let order = SortRowOrder.sortedRows(partitionKeys + orderKeys, rowCount: rowCount)
            let boundaries = WindowPartitionBoundaries(order: order, partitionKeys: partitionKeys, orderKeys: orderKeys)
            // Values come in sorted order; put them back in input-row order.
            var positionOfRow = [Int](repeating: 0, count: rowCount)
            for (position, row) in order.enumerated() { positionOfRow[row] = position }
            for sharedIndex in sharing {
                let shared = calls[sharedIndex]
                let argument = shared.aggregate?.argument.map { columns[layout.columnIndex(of: $0)] }
                let values = try WindowFunctionEvaluator.evaluate(
                    shared, order: order, boundaries: boundaries, argument: argument,
                    resultType: schema.fields[layout.inputColumnCount + sharedIndex].type)
                results[sharedIndex] = values.take(positionOfRow)
            }
            if firstOrder == nil { firstOrder = order }
        }
        outputColumns = Array(columns[0..<layout.inputColumnCount]) + results.map { $0! }
        outputOrder = firstOrder ?? Array(0..<rowCount)
    }
}
