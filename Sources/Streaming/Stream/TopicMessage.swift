/// One record read from a topic by a stream: where it was stored and what it holds.
///
/// A value type; `Sendable`. `keyBytes` and `valueBytes` share the bytes the fetch returned
/// (`SharedRecordBytes`): a message kept past its batch keeps the fetched bytes alive, so keep
/// what you parsed from it, or a copy.
public struct TopicMessage: SharedRecordBytes, Sendable, Equatable {
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
}
