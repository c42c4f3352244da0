/// One event to append to a partition log: the log assigns its offset.
public struct LogRecord: Sendable, Equatable {
    /// When the event happened, in milliseconds since the Unix epoch.
    public var timestampMillis: Int64
    /// The key the partition was chosen by; nil for an unkeyed record.
    public var key: [UInt8]?
    public var value: [UInt8]

    public init(timestampMillis: Int64, key: [UInt8]? = nil, value: [UInt8]) {
        self.timestampMillis = timestampMillis
        self.key = key
        self.value = value
    }
}
