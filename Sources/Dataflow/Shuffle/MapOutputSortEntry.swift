/// One buffered record in `MapOutputSorter`'s index: where its bytes are in the arena, and what
/// it sorts by (partition, then key bytes, with the key's first eight bytes inline so most
/// comparisons do not touch the arena). 24 bytes, since the sort moves these around.
@usableFromInline
struct MapOutputSortEntry {
    @usableFromInline var keyPrefix: UInt64
    /// Offsets fit 32 bits because the sorter's buffer is limited to 2 GiB (like Hadoop's).
    @usableFromInline var recordOffset: UInt32
    @usableFromInline var partition: UInt32
    @usableFromInline var keyByteCount: UInt32
    @usableFromInline var valueByteCount: UInt32

    @inlinable
    init(keyPrefix: UInt64, recordOffset: UInt32, partition: UInt32, keyByteCount: UInt32, valueByteCount: UInt32) {
        self.keyPrefix = keyPrefix
        self.recordOffset = recordOffset
        self.partition = partition
        self.keyByteCount = keyByteCount
        self.valueByteCount = valueByteCount
    }

    /// The key's bytes in `arena`.
    @inlinable
    func keyBytes(in arena: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: arena.baseAddress! + Int(recordOffset), count: Int(keyByteCount))
    }

    /// The value's encoded bytes in `arena`.
    @inlinable
    func valueBytes(in arena: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: arena.baseAddress! + Int(recordOffset) + Int(keyByteCount), count: Int(valueByteCount))
    }

    /// Whether `self` sorts before `other`: by partition, then key bytes, then insertion order
    /// (arena offset), so that the order does not depend on the sort algorithm's stability.
    @inlinable
    func sortsBefore(_ other: MapOutputSortEntry, in arena: UnsafeRawBufferPointer) -> Bool {
        if partition != other.partition { return partition < other.partition }
        if keyPrefix != other.keyPrefix { return keyPrefix < other.keyPrefix }
        if keyByteCount <= 8 && other.keyByteCount <= 8 {
            // Equal prefixes of short keys differ only in length (the padding is zeros).
            if keyByteCount != other.keyByteCount { return keyByteCount < other.keyByteCount }
            return recordOffset < other.recordOffset
        }
        let order = ShuffleKeyBytes.compare(keyBytes(in: arena), other.keyBytes(in: arena))
        return order < 0 || (order == 0 && recordOffset < other.recordOffset)
    }

    /// Whether `self` and `other` have equal key bytes (partitions are not compared).
    @inlinable
    func hasSameKey(as other: MapOutputSortEntry, in arena: UnsafeRawBufferPointer) -> Bool {
        guard keyPrefix == other.keyPrefix && keyByteCount == other.keyByteCount else { return false }
        return keyByteCount <= 8 || ShuffleKeyBytes.compare(keyBytes(in: arena), other.keyBytes(in: arena)) == 0
    }
}
