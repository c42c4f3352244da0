import SluiceCore

/// `ORDER BY`, and with a limit the top-N of `ORDER BY ... LIMIT n OFFSET m`: the input's rows
/// in key order, with the input's schema.
///
/// The first `next()` drains the input on `context.threadCount` threads. Each thread evaluates
/// the key expressions once per batch and buffers the batch; when the buffered bytes of all
/// threads pass `context.memoryLimitBytes`, the thread sorts its buffer and writes it to a file
/// in `context.spillDirectory` as a sorted run. At the end every thread's buffer is sorted in
/// memory and all runs are merged (first on disk when there are more than `mergeFanInMax`).
/// With a limit of at most `topNRowCountMax` rows (after the offset), threads instead keep only
/// their best rows, so nothing close to the whole input is sorted or held.
///
/// Ties come out in no particular order. Spill files are deleted once the merge is done, when
/// the query fails, or when the stream is dropped.
///
/// Threading: `next()` is safe from several threads, but the output is ordered, so one thread
/// pulls it; batches hold about `context.batchRowCountTarget` rows.
public final class SortStream: BatchStream, @unchecked Sendable {
    /// The largest `limit + offset` sorted as a top-N rather than a full sort.
    public static let topNRowCountMax = 1 << 17
    /// The most runs one merge reads at once; more are first merged on disk in groups.
    static let mergeFanInMax = 32

    public let schema: Schema
    public let keys: [SortKey]
    public let limit: Int?
    public let offset: Int
    private let input: any BatchStream
    private let context: ExecutionContext
    private let layout: SortRunLayout
    private let lock = Mutex()
    private var merger: SortedRunMerger?
    private var isStarted = false
    private var isFinished = false
    private var rowsToSkip: Int
    private var rowsLeft: Int

    /// - Parameters:
    ///   - keys: expressions over the input's columns; at least one.
    ///   - limit: the most rows returned (after `offset`); nil for all.
    ///   - offset: rows skipped from the start of the ordered output.
    public init(input: any BatchStream, keys: [SortKey], limit: Int? = nil, offset: Int = 0, context: ExecutionContext) {
        self.input = input
        self.schema = input.schema
        self.keys = keys
        self.limit = limit
        self.offset = max(0, offset)
        self.context = context
        self.layout = SortRunLayout(inputSchema: input.schema, sortKeys: keys)
        self.rowsToSkip = max(0, offset)
        self.rowsLeft = limit.map { max(0, $0) } ?? Int.max
    }

    public var operatorName: String { isTopN ? "TopN" : "Sort" }

    public var operatorDetails: String {
        var details = "keys: [" + keys.map(\.description).joined(separator: ", ") + "]"
        if let limit { details += ", limit: \(limit)" }
        if offset > 0 { details += ", offset: \(offset)" }
        return details
    }

    public var inputs: [any BatchStream] { [input] }

    private var isTopN: Bool {
        guard let limit else { return false }
        let (total, overflow) = max(0, limit).addingReportingOverflow(offset)
        return !overflow && total <= SortStream.topNRowCountMax
    }

    public func next() throws -> RecordBatch? {
        try lock.withLock {
            guard !isFinished else { return nil }
            do {
                if !isStarted {
                    isStarted = true
                    merger = try SortedRunMerger(runs: try sortedRuns(), layout: layout)
                }
                return try nextOrderedBatch()
            } catch {
                finish()
                throw error
            }
        }
    }

    /// Drops the merge and with it every spill file.
    private func finish() {
        isFinished = true
        merger = nil
    }

    private func nextOrderedBatch() throws -> RecordBatch? {
        while rowsToSkip > 0, rowsLeft > 0, merger?.isExhausted == false {
            rowsToSkip -= try merger!.skip(rowsToSkip)
        }
        guard rowsLeft > 0, let columns = try merger?.next(rowCountMax: min(rowsLeft, max(1, context.batchRowCountTarget))) else {
            finish()
            return nil
        }
        rowsLeft -= columns[0].count
        return RecordBatch(schema: schema, columns: Array(columns[0..<layout.payloadColumnCount]))
    }

    /// Drains the input into sorted runs, at most `mergeFanInMax` of them.
    private func sortedRuns() throws -> [SortRun] {
        let layout = self.layout
        var runs: [SortRun]
        if isTopN {
            let rowCountMax = max(0, limit!) + offset
            if rowCountMax == 0 { return [] }
            let states = try StreamDrain.drain(input, threadCount: context.threadCount,
                                               makeState: { SortTopNBuilder(layout: layout, rowCountMax: rowCountMax) },
                                               consume: { state, batch in try state.add(batch) })
            runs = states.flatMap { state in var state = state; return state.finish() }
        } else {
            let budget = SortMemoryBudget(limitBytes: context.memoryLimitBytes)
            let directory = context.spillDirectory
            let blockRowCount = context.batchRowCountTarget
            let states = try StreamDrain.drain(
                input, threadCount: context.threadCount,
                makeState: { SortRunBuilder(layout: layout, budget: budget, spillDirectory: directory, spillBlockRowCount: blockRowCount) },
                consume: { state, batch in try state.add(batch) })
            runs = states.flatMap { state in var state = state; return state.finish() }
        }
        while runs.count > SortStream.mergeFanInMax {
            let group = Array(runs.prefix(SortStream.mergeFanInMax))
            runs.removeFirst(group.count)
            runs.append(try mergeToDisk(group))
        }
        return runs
    }

    /// Merges runs into one new run on disk.
    private func mergeToDisk(_ runs: [SortRun]) throws -> SortRun {
        var merger = try SortedRunMerger(runs: runs, layout: layout)
        let file = try SortSpillFile(directory: context.spillDirectory)
        while let columns = try merger.next(rowCountMax: max(1, context.batchRowCountTarget)) {
            try file.append(columns, rows: 0..<columns[0].count)
        }
        return .spilled(file)
    }
}
