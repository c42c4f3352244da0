/// How a namenode runs. Defaults are HDFS's; tests and the pseudo cluster shorten the intervals.
public struct NameNodeConfiguration: Sendable {
    /// Holds the edit log and namespace images.
    public var directory: String
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    public var bindHost: String
    /// The user who may do anything (HDFS: the user who started the namenode).
    public var superuser: String
    public var namespaceDefaults: NamespaceDefaults
    public var heartbeatIntervalMillis: Int64
    public var staleAfterMillis: Int64
    /// HDFS: 2 × 5 min recheck + 10 × heartbeat = 10.5 min.
    public var deadAfterMillis: Int64
    public var blockReportIntervalMillis: Int
    /// How often under- and over-replicated blocks are looked for (HDFS: 3 s).
    public var replicationMonitorIntervalMillis: Int
    public var leaseMonitorIntervalMillis: Int
    /// Safemode ends when this fraction of complete blocks has a reported replica…
    public var safeModeThresholdFraction: Double
    /// …and this much time has passed since (HDFS: 30 s).
    public var safeModeExtensionMillis: Int64
    /// `HOST:PORT` or `HOST` → rack path.
    public var topology: [String: String]

    public init(
        directory: String, host: String = "127.0.0.1", port: Int = 9870, bindHost: String = "127.0.0.1",
        superuser: String = BlockStoreUser.current(), namespaceDefaults: NamespaceDefaults = NamespaceDefaults(),
        heartbeatIntervalMillis: Int64 = 3000, staleAfterMillis: Int64 = 30_000, deadAfterMillis: Int64 = 630_000,
        blockReportIntervalMillis: Int = 21_600_000, replicationMonitorIntervalMillis: Int = 3000,
        leaseMonitorIntervalMillis: Int = 2000, safeModeThresholdFraction: Double = 0.999,
        safeModeExtensionMillis: Int64 = 30_000, topology: [String: String] = [:]
    ) {
        self.directory = directory
        self.host = host
        self.port = port
        self.bindHost = bindHost
        self.superuser = superuser
        self.namespaceDefaults = namespaceDefaults
        self.heartbeatIntervalMillis = heartbeatIntervalMillis
        self.staleAfterMillis = staleAfterMillis
        self.deadAfterMillis = deadAfterMillis
        self.blockReportIntervalMillis = blockReportIntervalMillis
        self.replicationMonitorIntervalMillis = replicationMonitorIntervalMillis
        self.leaseMonitorIntervalMillis = leaseMonitorIntervalMillis
        self.safeModeThresholdFraction = safeModeThresholdFraction
        self.safeModeExtensionMillis = safeModeExtensionMillis
        self.topology = topology
    }
}
