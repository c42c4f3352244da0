import SluiceCore

/// The k-way merge under `SortedSegmentMerger` and the sorter's final merge: a binary min-heap
/// of sources ordered by their current key bytes, ties broken by source index so that equal keys
/// come out in source order.
///
/// Owned by one task. The top source's value must be consumed before `advanceTop()`.
@usableFromInline
struct SortedRecordMerge {
    @usableFromInline var sources: [SortedSegmentSource]
    /// Indices into `sources` of the sources that have a current record, as a heap.
    @usableFromInline var heap: [Int]

    /// Reads every source's first record.
    ///
    /// - Throws: `SluiceError` from the sources.
    @inlinable
    init(sources: [SortedSegmentSource]) throws(SluiceError) {
        self.sources = sources
        heap = []
        heap.reserveCapacity(sources.count)
        for index in sources.indices where try sources[index].advance() {
            heap.append(index)
            siftUp(heap.count - 1)
        }
    }

    @inlinable
    var isEmpty: Bool { heap.isEmpty }

    /// The source with the smallest current key.
    @inlinable
    var top: SortedSegmentSource { sources[heap[0]] }

    /// Moves the top source to its next record and restores the heap.
    @inlinable
    mutating func advanceTop() throws(SluiceError) {
        if try sources[heap[0]].advance() {
            siftDown(0)
        } else {
            let last = heap.removeLast()
            if !heap.isEmpty {
                heap[0] = last
                siftDown(0)
            }
        }
    }

    @inlinable
    func isLess(_ left: Int, _ right: Int) -> Bool {
        let order = ShuffleKeyBytes.compare(sources[left].keyBytes, sources[right].keyBytes)
        return order < 0 || (order == 0 && left < right)
    }

    @inlinable
    mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard isLess(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    @inlinable
    mutating func siftDown(_ start: Int) {
        var parent = start
        let count = heap.count
        while true {
            let left = 2 * parent + 1
            guard left < count else { return }
            var smallest = left
            if left + 1 < count && isLess(heap[left + 1], heap[left]) { smallest = left + 1 }
            guard isLess(heap[smallest], heap[parent]) else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
