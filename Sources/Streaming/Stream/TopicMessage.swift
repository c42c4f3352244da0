/// One record read from a topic by a stream: where it was stored and what it holds.
///
/// A value type; `Sendable`. Reading `key` and `value` shares the bytes the fetch returned.
public struct TopicMessage: Sendable, Equatable {
    public var partition: Int
    public var offset: Int64
    /// The record's timestamp, in milliseconds since the Unix epoch; the stream's event time
    /// until `withEventTime` says otherwise.
    public var timestampMillis: Int64
    public var key: [UInt8]?
    public var value: [UInt8]

    public init(partition: Int, offset: Int64, timestampMillis: Int64, key: [UInt8]?, value: [UInt8]) {
        self.partition = partition
        self.offset = offset
        self.timestampMillis = timestampMillis
        self.key = key
        self.value = value
    }

    /// The value as UTF-8 text (invalid bytes become U+FFFD).
    public var valueText: String { String(decoding: value, as: UTF8.self) }

    /// The key as UTF-8 text, or nil for an unkeyed record.
    public var keyText: String? { key.map { String(decoding: $0, as: UTF8.self) } }
}
