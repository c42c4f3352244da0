/// A record read back from a partition log, with the offset the log gave it.
public struct StoredRecord: Sendable, Equatable {
    public var offset: Int64
    /// When the event happened, in milliseconds since the Unix epoch.
    public var timestampMillis: Int64
    public var key: [UInt8]?
    public var value: [UInt8]

    public init(offset: Int64, timestampMillis: Int64, key: [UInt8]?, value: [UInt8]) {
        self.offset = offset
        self.timestampMillis = timestampMillis
        self.key = key
        self.value = value
    }
}
