/// A keyed record: what `reduceByKey`, `groupByKey` and `join` move through a shuffle, standing in
/// for a Swift tuple, which cannot conform to protocols.
///
/// Encoded as the key's encoding followed by the value's; its sort key is the key's sort key
/// followed by the value's, so pairs order by key, then by value. Nest it for three fields
/// (`KeyValue<A, KeyValue<B, C>>`).
@frozen
public struct KeyValue<Key, Value> {
    public var key: Key
    public var value: Value

    @inlinable
    public init(_ key: Key, _ value: Value) {
        self.key = key
        self.value = value
    }
}

extension KeyValue: Sendable where Key: Sendable, Value: Sendable {}
extension KeyValue: Equatable where Key: Equatable, Value: Equatable {}
extension KeyValue: Hashable where Key: Hashable, Value: Hashable {}

/// Ordered by key, then by value, like a tuple.
extension KeyValue: Comparable where Key: Comparable, Value: Comparable {
    @inlinable
    public static func < (lhs: KeyValue, rhs: KeyValue) -> Bool {
        lhs.key != rhs.key ? lhs.key < rhs.key : lhs.value < rhs.value
    }
}

extension KeyValue: CustomStringConvertible {
    public var description: String { "(\(key), \(value))" }
}

extension KeyValue: ShuffleCodable where Key: ShuffleCodable, Value: ShuffleCodable {
    @inlinable
    public func encode(into writer: inout RecordWriter) {
        key.encode(into: &writer)
        value.encode(into: &writer)
    }

    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> KeyValue {
        let key = try Key.decode(from: &reader)
        return KeyValue(key, try Value.decode(from: &reader))
    }
}

extension KeyValue: SortKeyEncodable where Key: SortKeyEncodable, Value: SortKeyEncodable {
    @inlinable
    public func encodeSortKey(into writer: inout RecordWriter) {
        key.encodeSortKey(into: &writer)
        value.encodeSortKey(into: &writer)
    }
}

extension KeyValue: PartitionHashable where Key: PartitionHashable, Value: PartitionHashable {
    @inlinable
    public func combinePartitionHash(into hasher: inout PartitionHasher) {
        key.combinePartitionHash(into: &hasher)
        value.combinePartitionHash(into: &hasher)
    }
}
