/// What a keyed shuffle needs from a key: its binary encoding, a byte encoding whose `memcmp`
/// order is the key's order (the sort-spill path), a partition hash every process agrees on, and
/// `Hashable` for the in-memory hash path.
public typealias ShuffleKey = ShuffleCodable & SortKeyEncodable & PartitionHashable & Hashable
