/// Block health counters for reports and metrics (`hdfs dfsadmin -report`, fsck summary).
public struct BlockManagerCounts: Codable, Sendable, Hashable {
    public var totalBlocks = 0
    /// Complete blocks with some, but fewer than expected, good replicas on live nodes.
    public var underReplicated = 0
    /// Complete blocks with more good replicas than expected.
    public var overReplicated = 0
    /// Complete blocks without any good replica on a live node.
    public var missing = 0
    /// Replicas marked corrupt and not yet scheduled for deletion.
    public var corruptReplicas = 0
    /// Replica copies scheduled and not yet confirmed.
    public var pendingReplications = 0

    public init() {}
}
