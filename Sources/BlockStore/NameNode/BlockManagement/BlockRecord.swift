/// What the block manager knows of one block: its current identity, how many replicas it
/// should have, and where its good and corrupt replicas are. Guarded by the manager's lock.
struct BlockRecord {
    var block: ExtendedBlock
    var expectedReplication: Int
    /// Committed by the writer; only complete blocks are replicated and count for safemode.
    var isComplete: Bool
    /// UUIDs of nodes holding a good replica.
    var locations: Set<String> = []
    /// UUIDs of nodes holding a replica known to be corrupt; disjoint from `locations`.
    var corruptLocations: Set<String> = []
    /// While the block is being written: the shortest finalized replica reported, which is the
    /// length lease recovery gives the block (every replica has at least these bytes).
    var shortestFinalizedReplicaBytes: Int64?
}
