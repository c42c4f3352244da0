/// Work the namenode hands a datanode in its heartbeat answer.
public enum DatanodeCommand: Codable, Sendable, Hashable {
    /// Copy the replica of `block` to each of `targets` (re-replication).
    case transfer(block: ExtendedBlock, targets: [DatanodeInfo])
    /// Delete these replicas (over-replicated, corrupt, or of deleted files).
    case invalidate(blockIDs: [UInt64])
    /// The namenode does not know this datanode (it restarted): register again and send a
    /// full block report.
    case register
}
