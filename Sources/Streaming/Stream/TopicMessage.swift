/// One record read from a topic by a stream: where it was stored and what it holds.
///
/// A value type; `Sendable`. `keyBytes` and `valueBytes` share the bytes the fetch returned (no
/// copy per record); `key` and `value` copy them into arrays of their own. A message kept past
/// its batch keeps the fetched bytes alive, so keep what you parsed from it, or a copy.
public struct TopicMessage: Sendable, Equatable {
    public var partition: Int
    public var offset: Int64
    /// The record's timestamp, in milliseconds since the Unix epoch; the stream's event time
    /// until `withEventTime` says otherwise.
    public var timestampMillis: Int64
    /// The key's bytes, nil for an unkeyed record; indices are those of the fetched bytes.
    public var keyBytes: ArraySlice<UInt8>?
    /// The value's bytes; indices are those of the fetched bytes.
    public var valueBytes: ArraySlice<UInt8>

    public init(partition: Int, offset: Int64, timestampMillis: Int64, key: [UInt8]?, value: [UInt8]) {
        self.init(partition: partition, offset: offset, timestampMillis: timestampMillis, keyBytes: key.map { $0[...] }, valueBytes: value[...])
    }

    public init(partition: Int, offset: Int64, timestampMillis: Int64, keyBytes: ArraySlice<UInt8>?, valueBytes: ArraySlice<UInt8>) {
        self.partition = partition
        self.offset = offset
        self.timestampMillis = timestampMillis
        self.keyBytes = keyBytes
        self.valueBytes = valueBytes
    }

    /// The key as an array of its own, or nil for an unkeyed record.
    public var key: [UInt8]? {
        get { keyBytes.map { Array($0) } }
        set { keyBytes = newValue.map { $0[...] } }
    }

    /// The value as an array of its own.
    public var value: [UInt8] {
        get { Array(valueBytes) }
        set { valueBytes = newValue[...] }
    }

    /// The value as UTF-8 text (invalid bytes become U+FFFD).
    public var valueText: String { String(decoding: valueBytes, as: UTF8.self) }

    /// The key as UTF-8 text, or nil for an unkeyed record.
    public var keyText: String? { keyBytes.map { String(decoding: $0, as: UTF8.self) } }
}
