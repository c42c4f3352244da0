/// Where a broker listens and what it accepts.
public struct BrokerConfiguration: Sendable {
    /// The address clients reach the broker at (what `address` reports).
    public var host: String
    /// The port to listen on; 0 picks a free one.
    public var port: Int
    /// The address to bind.
    public var bindHost: String
    public var limits: BrokerLimits
    /// How often the maintenance work (retention) runs, in milliseconds.
    public var maintenanceIntervalMillis: Int
    /// How often a waiting fetch looks at the store again when no produce through this broker
    /// woke it (records may be appended by another writer of the same store).
    public var fetchPollIntervalMillis: Int

    public init(
        host: String = "127.0.0.1", port: Int = 9092, bindHost: String? = nil, limits: BrokerLimits = BrokerLimits(),
        maintenanceIntervalMillis: Int = 60_000, fetchPollIntervalMillis: Int = 50
    ) {
        self.host = host
        self.port = port
        self.bindHost = bindHost ?? host
        self.limits = limits
        self.maintenanceIntervalMillis = maintenanceIntervalMillis
        self.fetchPollIntervalMillis = fetchPollIntervalMillis
    }
}
