/// A re-replication the block manager has asked a source node to do and not yet seen finish,
/// so the replication monitor does not schedule the same copies twice.
struct PendingReplication {
    var sourceUUID: String
    /// Targets that have not yet reported the replica.
    var targetUUIDs: Set<String>
    var scheduledAtMillis: Int64
}
