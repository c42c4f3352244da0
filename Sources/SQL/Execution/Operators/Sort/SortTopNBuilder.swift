import SluiceCore

/// One thread's part of a top-N (`ORDER BY ... LIMIT n`): keeps at most `rowCountMax` sorted rows
/// plus a bounded buffer of newer candidates. Once `rowCountMax` rows are kept, rows that do not
/// come before the last kept row are dropped as batches arrive, so the input is never sorted as
/// a whole.
///
/// Threading: owned by one draining thread.
struct SortTopNBuilder {
    private let layout: SortRunLayout
    private let rowCountMax: Int
    private let pendingRowCountMax: Int
    private var kept: SortedBlock?
    private var pending: [[Column]] = []
    private var pendingRowCount = 0

    init(layout: SortRunLayout, rowCountMax: Int) {
        self.layout = layout
        self.rowCountMax = rowCountMax
        self.pendingRowCountMax = max(rowCountMax, 4096)
    }

    /// Offers one input batch.
    /// - Throws: `SluiceError` from evaluating keys.
    mutating func add(_ batch: RecordBatch) throws {
        guard batch.rowCount > 0, rowCountMax > 0 else { return }
        var columns = try layout.blockColumns(of: batch)
        if let kept, kept.rowCount == rowCountMax {
            let keys = layout.keyVectors(columns)
            let boundary = kept.rowCount - 1
            var selected: [Int] = []
            for row in 0..<batch.rowCount where SortRowOrder.compare(keys, row, kept.keys, boundary) < 0 {
                selected.append(row)
            }
            if selected.isEmpty { return }
            if selected.count < batch.rowCount { columns = columns.map { $0.take(selected) } }
        }
        pending.append(columns)
        pendingRowCount += columns[0].count
        if pendingRowCount >= pendingRowCountMax { compact() }
    }

    /// Sorts kept and pending rows together and keeps the first `rowCountMax`.
    private mutating func compact() {
        guard !pending.isEmpty else { return }
        let all = layout.concatenate((kept.map { [$0.columns] } ?? []) + pending)
        kept = SortedBlock(sorting: all, layout: layout).prefix(rowCountMax, layout: layout)
        pending = []
        pendingRowCount = 0
    }

    /// The thread's best rows as one run.
    mutating func finish() -> [SortRun] {
        compact()
        return kept.map { [.memory($0)] } ?? []
    }
}
