/// Settings of the namespace: file defaults, limits, lease limits and when to checkpoint.
public struct NamespaceDefaults: Sendable, Hashable {
    /// `dfs.blocksize`.
    public var blockSizeBytes: Int64 = 128 * 1024 * 1024
    /// `dfs.namenode.fs-limits.min-block-size`; HDFS says 1 MiB, small here so tests can write
    /// several blocks cheaply.
    public var blockSizeBytesMin: Int64 = 1024
    /// `dfs.replication`.
    public var replication: Int = 3
    /// `dfs.replication.max`.
    public var replicationMax: Int = 512
    /// After this long without renewal another client may take the file over (HDFS: 60 s).
    public var leaseSoftLimitMillis: Int64 = 60_000
    /// After this long without renewal the namenode recovers the file itself (HDFS: 20 min).
    public var leaseHardLimitMillis: Int64 = 20 * 60_000
    /// `dfs.namenode.checkpoint.txns`.
    public var checkpointTransactionCountMax: UInt64 = 1_000_000
    /// `dfs.namenode.checkpoint.period`.
    public var checkpointPeriodMillis: Int64 = 3_600_000

    public init() {}
}
