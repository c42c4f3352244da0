/// The merge's position in one run: the block in hand and the next row of it.
///
/// Threading: used by the one thread that merges.
struct SortRunCursor {
    private let run: SortRun
    private let layout: SortRunLayout
    private var nextBlockIndex = 0
    private(set) var block: SortedBlock?
    var row = 0

    /// Positions on the run's first row (no block when the run is empty).
    /// - Throws: `SluiceError` (io) when a spilled block cannot be read.
    init(run: SortRun, layout: SortRunLayout) throws {
        self.run = run
        self.layout = layout
        try loadNextBlock()
    }

    /// Moves to the first row of the next non-empty block, or to no block at the run's end.
    /// - Throws: `SluiceError` (io) when a spilled block cannot be read.
    mutating func loadNextBlock() throws {
        row = 0
        block = nil
        switch run {
        case .memory(let only):
            if nextBlockIndex == 0, only.rowCount > 0 { block = only }
            nextBlockIndex = 1
        case .spilled(let file):
            while block == nil, nextBlockIndex < file.blockCount {
                let columns = try file.readBlock(nextBlockIndex, types: layout.columnTypes)
                nextBlockIndex += 1
                if columns.first?.count ?? 0 > 0 { block = SortedBlock(orderedColumns: columns, layout: layout) }
            }
        }
    }
}
