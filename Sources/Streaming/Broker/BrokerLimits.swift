/// What a broker accepts before it refuses work, so overload gets a clear answer instead of
/// exhausting memory or the disk.
public struct BrokerLimits: Sendable, Equatable {
    /// Request bodies larger than this are refused with 413.
    public var requestBytesMax: Int
    /// Requests beyond this many at once are refused with 503 (long polls count while they wait).
    public var inFlightRequestsMax: Int
    /// Produced body bytes per second of each client (token bucket; a client is named by its
    /// `Sluice-Client-Id` header, and clients without one share a bucket); nil for no limit. 429
    /// beyond it.
    public var producedBytesPerSecondMax: Int?
    /// Requests per second of each client (token bucket, as above); nil for no limit. 429 beyond it.
    public var requestsPerSecondMax: Int?
    /// A fetch answers at most about this many bytes, whatever `maxBytes` asks.
    public var fetchBytesMax: Int
    /// A fetch waits at most this long for records, whatever `waitMillis` asks.
    public var fetchWaitMillisMax: Int

    public init(
        requestBytesMax: Int = 32 << 20, inFlightRequestsMax: Int = 256, producedBytesPerSecondMax: Int? = nil,
        requestsPerSecondMax: Int? = nil, fetchBytesMax: Int = 16 << 20, fetchWaitMillisMax: Int = 30_000
    ) {
        self.requestBytesMax = requestBytesMax
        self.inFlightRequestsMax = inFlightRequestsMax
        self.producedBytesPerSecondMax = producedBytesPerSecondMax
        self.requestsPerSecondMax = requestsPerSecondMax
        self.fetchBytesMax = fetchBytesMax
        self.fetchWaitMillisMax = fetchWaitMillisMax
    }
}
