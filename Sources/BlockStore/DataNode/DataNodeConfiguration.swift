/// How a datanode runs: where it stores replicas, where it listens, whom it reports to.
public struct DataNodeConfiguration: Sendable {
    public var dataDirectories: [String]
    /// `HOST:PORT` of the namenode's HTTP server.
    public var namenodeAddress: String
    /// The address other nodes and clients reach this datanode at.
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    public var bindHost: String
    /// The rack this node says it is in (the namenode's topology setting wins).
    public var rack: String
    /// Defaults to what the namenode says at registration (HDFS: 3 s).
    public var heartbeatIntervalMillis: Int?
    /// Full block reports (HDFS: 6 h); incremental reports go out as replicas change.
    public var blockReportIntervalMillis: Int?
    /// How often the block scanner verifies every replica; nil turns it off.
    public var scanIntervalMillis: Int?
    public var scanBytesPerSecondMax: Int?
    /// fsync each replica when it is finalized.
    public var syncReplicas: Bool

    public init(
        dataDirectories: [String], namenodeAddress: String, host: String = "127.0.0.1", port: Int = 0,
        bindHost: String = "127.0.0.1", rack: String = DatanodeInfo.defaultRack, heartbeatIntervalMillis: Int? = nil,
        blockReportIntervalMillis: Int? = nil, scanIntervalMillis: Int? = 3_600_000, scanBytesPerSecondMax: Int? = 64 << 20,
        syncReplicas: Bool = false
    ) {
        self.dataDirectories = dataDirectories
        self.namenodeAddress = namenodeAddress
        self.host = host
        self.port = port
        self.bindHost = bindHost
        self.rack = rack
        self.heartbeatIntervalMillis = heartbeatIntervalMillis
        self.blockReportIntervalMillis = blockReportIntervalMillis
        self.scanIntervalMillis = scanIntervalMillis
        self.scanBytesPerSecondMax = scanBytesPerSecondMax
        self.syncReplicas = syncReplicas
    }
}
