import SluiceCore

/// Merges sorted segments (one partition's segment from every map task, or the spills of one map
/// task) and hands out each distinct key once, in key-byte order, with all its values: the
/// reduce side of the sorted shuffle.
///
/// Values of one key come in source order, and within a source in the order they were written.
/// Owned by one task; not `Sendable`.
public struct SortedSegmentMerger<Key: ShuffleCodable, Value: ShuffleCodable> {
    @usableFromInline var merge: SortedRecordMerge
    /// The current group's key bytes, kept since the sources move on while its values are read.
    @usableFromInline var groupKeyBytes: [UInt8] = []
    /// Reused between groups, so a reduce does not allocate per key.
    @usableFromInline var groupValues: [Value] = []

    /// Starts a merge by reading the first record of every source.
    ///
    /// - Throws: `SluiceError` from the sources (corrupt or truncated segment, unreadable file).
    @inlinable
    public init(sources: [SortedSegmentSource]) throws(SluiceError) {
        merge = try SortedRecordMerge(sources: sources)
    }

    /// Calls `body` once per distinct key, in key-byte order, with every value of that key.
    ///
    /// - Parameter body: receives a key and its values; the array is only valid as a value (keep
    ///   a copy to keep it).
    /// - Throws: `SluiceError.data` or `.io` from the sources (after the groups before the
    ///   failure were handed out), or what `body` throws.
    @inlinable
    public mutating func forEachGroup(_ body: (Key, [Value]) throws -> Void) throws {
        while let key = try nextGroup() {
            try body(key, groupValues)
        }
    }

    /// Reads the next group into `groupKeyBytes` and `groupValues` and returns its key, or nil
    /// when every source is done.
    @inlinable
    mutating func nextGroup() throws(SluiceError) -> Key? {
        guard !merge.isEmpty else { return nil }
        groupKeyBytes.removeAll(keepingCapacity: true)
        groupKeyBytes.append(contentsOf: merge.topKeyBytes)
        let key = try merge.decodeTopKey(Key.self)
        groupValues.removeAll(keepingCapacity: true)
        groupValues.append(try merge.consumeTopValue(Value.self))
        try merge.advanceTop()
        while !merge.isEmpty {
            let isSameKey = groupKeyBytes.withUnsafeBytes { ShuffleKeyBytes.compare($0, merge.topKeyBytes) == 0 }
            guard isSameKey else { break }
            groupValues.append(try merge.consumeTopValue(Value.self))
            try merge.advanceTop()
        }
        return key
    }
}
