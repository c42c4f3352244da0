import SluiceCore

/// The k-way merge under `SortedSegmentMerger` and the sorter's final merge: a binary min-heap
/// of sources ordered by their current key bytes, ties broken by source index so that equal keys
/// come out in source order.
///
/// Each heap entry keeps its cursor's current key (pointer, length and 8-byte prefix), so most
/// comparisons do not touch the key bytes.
/// Owned by one task. The top source's value must be consumed before `advanceTop()`.
@usableFromInline
struct SortedRecordMerge {
    @usableFromInline
    struct HeapEntry {
        @usableFromInline var sourceIndex: Int
        @usableFromInline var keyPrefix: UInt64
        @usableFromInline var keyBytes: UnsafeRawBufferPointer

        @inlinable
        init(sourceIndex: Int, keyBytes: UnsafeRawBufferPointer) {
            self.sourceIndex = sourceIndex
            self.keyBytes = keyBytes
            keyPrefix = ShuffleKeyBytes.prefix(keyBytes)
        }

        @inlinable
        func sortsBefore(_ other: HeapEntry) -> Bool {
            if keyPrefix != other.keyPrefix { return keyPrefix < other.keyPrefix }
            let order = keyBytes.count <= 8 && other.keyBytes.count <= 8
                ? keyBytes.count - other.keyBytes.count
                : ShuffleKeyBytes.compare(keyBytes, other.keyBytes)
            return order < 0 || (order == 0 && sourceIndex < other.sourceIndex)
        }
    }

    @usableFromInline var cursors: [SortedSegmentCursor]
    /// The sources that have a current record, as a heap.
    @usableFromInline var heap: [HeapEntry]

    /// Reads every source's first record.
    ///
    /// - Throws: `SluiceError` from the sources.
    @inlinable
    init(sources: [SortedSegmentSource]) throws(SluiceError) {
        cursors = sources.map(\.cursor)
        heap = []
        heap.reserveCapacity(cursors.count)
        for index in cursors.indices where try cursors[index].advance() {
            heap.append(HeapEntry(sourceIndex: index, keyBytes: cursors[index].keyBytes))
            siftUp(heap.count - 1)
        }
    }

    @inlinable
    var isEmpty: Bool { heap.isEmpty }

    /// The smallest current key; valid until the top's value is consumed.
    @inlinable
    var topKeyBytes: UnsafeRawBufferPointer { heap[0].keyBytes }

    /// Decodes the smallest current key.
    @inlinable
    mutating func decodeTopKey<Key: ShuffleCodable>(_ type: Key.Type) throws(SluiceError) -> Key {
        try cursors[heap[0].sourceIndex].decodeKey(Key.self)
    }

    /// Decodes the value of the record with the smallest key.
    @inlinable
    mutating func consumeTopValue<Value: ShuffleCodable>(_ type: Value.Type) throws(SluiceError) -> Value {
        try cursors[heap[0].sourceIndex].consumeValue(Value.self)
    }

    /// Moves past the value of the record with the smallest key and returns its key bytes and
    /// value bytes, valid until `advanceTop()`.
    @inlinable
    mutating func consumeTopRecordBytes<Value: ShuffleCodable>(_ type: Value.Type) throws(SluiceError)
        -> (keyBytes: UnsafeRawBufferPointer, valueBytes: UnsafeRawBufferPointer)
    {
        let index = heap[0].sourceIndex
        let valueBytes = try cursors[index].consumeValueBytes(Value.self)
        // Loading the value may have moved the buffer, so the key is taken afresh.
        return (cursors[index].keyBytes, valueBytes)
    }

    /// Moves the top source to its next record and restores the heap.
    @inlinable
    mutating func advanceTop() throws(SluiceError) {
        let index = heap[0].sourceIndex
        if try cursors[index].advance() {
            heap[0] = HeapEntry(sourceIndex: index, keyBytes: cursors[index].keyBytes)
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
    mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].sortsBefore(heap[parent]) else { return }
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
            if left + 1 < count && heap[left + 1].sortsBefore(heap[left]) { smallest = left + 1 }
            guard heap[smallest].sortsBefore(heap[parent]) else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
