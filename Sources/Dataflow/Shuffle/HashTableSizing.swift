/// Rough memory per hash table entry, to decide when a table must be flushed or spilled: the
/// key and value inline, doubled for the table's free slots, plus the out-of-line storage a
/// string or array usually has.
public enum HashTableSizing {
    @inlinable
    public static func estimatedEntryBytes<Key, Value>(key: Key.Type, value: Value.Type) -> Int {
        2 * (MemoryLayout<Key>.stride + MemoryLayout<Value>.stride) + 48
    }
}
