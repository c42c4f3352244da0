/// A record whose key and value are slices of the bytes it was read with (a log batch, a fetch
/// answer): no array per record. The arrays and texts below copy them out; keeping a record
/// keeps the bytes it shares alive.
public protocol SharedRecordBytes {
    /// The key's bytes; nil for an unkeyed record. Indices are those of the shared bytes.
    var keyBytes: ArraySlice<UInt8>? { get set }
    /// The value's bytes. Indices are those of the shared bytes.
    var valueBytes: ArraySlice<UInt8> { get set }
}

extension SharedRecordBytes {
    /// The key as an array of its own; nil for an unkeyed record.
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

    /// The key as UTF-8 text; nil for an unkeyed record.
    public var keyText: String? { keyBytes.map { String(decoding: $0, as: UTF8.self) } }
}
