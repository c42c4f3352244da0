import SluiceCore

/// Merges sorted runs into one ordered sequence of rows with a binary heap over the runs' cursors,
/// handing the rows out in batches.
///
/// Threading: used by one thread at a time.
struct SortedRunMerger {
    private let layout: SortRunLayout
    private var cursors: [SortRunCursor] = []
    /// Cursor indices; `heap[0]` holds the smallest current row.
    private var heap: [Int] = []
    /// Per cursor, its block's key vectors and its row: what the heap compares, kept apart from
    /// the cursors so comparing copies nothing.
    private var headKeys: [[SortKeyVector]] = []
    private var headRows: [Int] = []

    /// - Throws: `SluiceError` (io) when a spilled run cannot be read.
    init(runs: [SortRun], layout: SortRunLayout) throws {
        self.layout = layout
        for run in runs {
            let cursor = try SortRunCursor(run: run, layout: layout)
            if cursor.block != nil { cursors.append(cursor) }
        }
        headKeys = cursors.map { $0.block!.keys }
        headRows = cursors.map(\.row)
        heap = Array(cursors.indices)
        for position in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(position) }
    }

    var isExhausted: Bool { heap.isEmpty }

    /// The next up-to `rowCountMax` rows' block columns, or nil once every run is used up.
    /// - Throws: `SluiceError` (io) when a spilled run cannot be read.
    mutating func next(rowCountMax: Int) throws -> [Column]? {
        guard !heap.isEmpty else { return nil }
        var blocks: [SortedBlock] = []
        var slotOfCursor = [Int32](repeating: -1, count: cursors.count)
        var slots: [Int32] = []
        var rows: [Int32] = []
        slots.reserveCapacity(rowCountMax)
        rows.reserveCapacity(rowCountMax)
        while rows.count < rowCountMax, let top = heap.first {
            if slotOfCursor[top] < 0 {
                blocks.append(cursors[top].block!)
                slotOfCursor[top] = Int32(blocks.count - 1)
            }
            let slot = slotOfCursor[top]
            if heap.count == 1 {
                // One run left: its rows are already in order.
                let end = min(cursors[top].block!.rowCount, cursors[top].row + rowCountMax - rows.count)
                for row in cursors[top].row..<end {
                    slots.append(slot)
                    rows.append(Int32(row))
                }
                cursors[top].row = end
            } else {
                slots.append(slot)
                rows.append(Int32(cursors[top].row))
                cursors[top].row += 1
            }
            if try advanced(top) { slotOfCursor[top] = -1 }
        }
        return layout.columnTypes.indices.map { index in
            SortedRowGatherer.gather(blocks, slots: slots, rows: rows, columnIndex: index)
        }
    }

    /// Passes over up to `rowCount` rows without building them (an `OFFSET`); returns how many.
    /// - Throws: `SluiceError` (io) when a spilled run cannot be read.
    mutating func skip(_ rowCount: Int) throws -> Int {
        var skipped = 0
        while skipped < rowCount, let top = heap.first {
            let step = heap.count == 1 ? min(rowCount - skipped, cursors[top].block!.rowCount - cursors[top].row) : 1
            cursors[top].row += step
            skipped += step
            _ = try advanced(top)
        }
        return skipped
    }

    /// Records cursor `index`'s new position for the heap, dropping the cursor from the heap top
    /// when its run is used up.
    private mutating func advanced(_ index: Int) throws -> Bool {
        var loaded = false
        if cursors[index].row == cursors[index].block!.rowCount {
            try cursors[index].loadNextBlock()
            loaded = true
            if let block = cursors[index].block {
                headKeys[index] = block.keys
            } else {
                headKeys[index] = []
                heap.swapAt(0, heap.count - 1)
                heap.removeLast()
            }
        }
        headRows[index] = cursors[index].row
        if !heap.isEmpty { siftDown(0) }
        return loaded
    }

    /// Whether cursor `left`'s row comes before cursor `right`'s (run order breaks ties).
    @inline(__always)
    private func precedes(_ left: Int, _ right: Int) -> Bool {
        let order = SortRowOrder.compare(headKeys[left], headRows[left], headKeys[right], headRows[right])
        return order != 0 ? order < 0 : left < right
    }

    private mutating func siftDown(_ start: Int) {
        var position = start
        while true {
            let leftChild = 2 * position + 1
            guard leftChild < heap.count else { return }
            var smallest = leftChild
            if leftChild + 1 < heap.count, precedes(heap[leftChild + 1], heap[leftChild]) { smallest = leftChild + 1 }
            guard precedes(heap[smallest], heap[position]) else { return }
            heap.swapAt(position, smallest)
            position = smallest
        }
    }
}
