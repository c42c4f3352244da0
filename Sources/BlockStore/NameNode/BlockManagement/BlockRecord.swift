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
}
