/// A record read back from a partition log, with the offset the log gave it.
///
/// The key and value bytes are slices of the batch the record was read with (`SharedRecordBytes`):
/// copy `value` to keep a few records of a large read for long.
public struct StoredRecord: SharedRecordBytes, Sendable, Equatable {
    public var offset: Int64
    /// When the event happened, in milliseconds since the Unix epoch.
    public var timestampMillis: Int64
    /// The key's bytes; nil for an unkeyed record. Indices are those of the batch it shares.
    public var keyBytes: ArraySlice<UInt8>?
    /// The value's bytes. Indices are those of the batch it shares.
    public var valueBytes: ArraySlice<UInt8>

    public init(offset: Int64, timestampMillis: Int64, key: [UInt8]?, value: [UInt8]) {
        self.offset = offset
        self.timestampMillis = timestampMillis
        keyBytes = key.map { $0[...] }
        valueBytes = value[...]
    }

    public init(offset: Int64, timestampMillis: Int64, keyBytes: ArraySlice<UInt8>?, valueBytes: ArraySlice<UInt8>) {
        self.offset = offset
        self.timestampMillis = timestampMillis
        self.keyBytes = keyBytes
        self.valueBytes = valueBytes
    }

    /// The bytes the record takes in a read's size budget: key, value and 16 bytes of framing.
    var sizeBytes: Int { 16 + (keyBytes?.count ?? 0) + valueBytes.count }
}
