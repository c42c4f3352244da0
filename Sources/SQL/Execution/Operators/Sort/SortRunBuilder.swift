import SluiceCore

/// One thread's part of a full sort: buffers the batches it drains, and when the sort's memory
/// budget runs out sorts its buffer and writes it to a spill file as one run.
///
/// Threading: owned by one draining thread; the budget is shared.
struct SortRunBuilder {
    private let layout: SortRunLayout
    private let budget: SortMemoryBudget
    private let spillDirectory: String
    private let spillBlockRowCount: Int
    private var chunks: [[Column]] = []
    private var bufferedBytes = 0
    private(set) var runs: [SortRun] = []

    init(layout: SortRunLayout, budget: SortMemoryBudget, spillDirectory: String, spillBlockRowCount: Int) {
        self.layout = layout
        self.budget = budget
        self.spillDirectory = spillDirectory
        self.spillBlockRowCount = max(1, spillBlockRowCount)
    }

    /// Buffers one input batch, spilling when the sort is over its memory limit.
    /// - Throws: `SluiceError` from evaluating keys or writing a spill file.
    mutating func add(_ batch: RecordBatch) throws {
        guard batch.rowCount > 0 else { return }
        let columns = try layout.blockColumns(of: batch)
        let bytes = columns.reduce(0) { $0 + $1.sizeBytes }
        chunks.append(columns)
        bufferedBytes += bytes
        if budget.add(bytes) { try spill() }
    }

    /// Sorts the buffer and writes it to disk as a run.
    mutating func spill() throws {
        guard !chunks.isEmpty else { return }
        let block = SortedBlock(sorting: layout.concatenate(chunks), layout: layout)
        chunks = []
        let file = try SortSpillFile(directory: spillDirectory)
        for start in stride(from: 0, to: block.rowCount, by: spillBlockRowCount) {
            try file.append(block.columns, rows: start..<min(block.rowCount, start + spillBlockRowCount))
        }
        runs.append(.spilled(file))
        budget.release(bufferedBytes)
        bufferedBytes = 0
    }

    /// The runs of everything added: spilled ones plus the buffer, sorted in memory.
    mutating func finish() -> [SortRun] {
        if !chunks.isEmpty {
            runs.append(.memory(SortedBlock(sorting: layout.concatenate(chunks), layout: layout)))
            chunks = []
        }
        return runs
    }
}
