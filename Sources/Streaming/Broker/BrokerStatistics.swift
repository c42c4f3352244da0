/// What a broker did and refused since it started (also exported as Prometheus metrics).
public struct BrokerStatistics: Sendable, Equatable {
    public var producedRecordCount: Int
    /// Requests answered 429 (rate limit).
    public var rateLimitedRequestCount: Int
    /// Requests answered 503 (too many in flight).
    public var overloadedRequestCount: Int
    /// Requests being answered right now (a long-polling fetch counts while it waits).
    public var inFlightRequestCount: Int
}
