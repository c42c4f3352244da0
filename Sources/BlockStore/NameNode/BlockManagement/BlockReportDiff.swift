/// What a full block report changed in the block map, for logs and tests.
public struct BlockReportDiff: Sendable, Hashable {
    /// Replicas the block map did not list on this node before.
    public var addedBlockIDs: [UInt64] = []
    /// Replicas the block map listed on this node that the report no longer has.
    public var removedBlockIDs: [UInt64] = []
    /// Replicas the node was told to delete: unknown blocks, stale generation stamps, or
    /// replicas already scheduled for deletion.
    public var invalidatedBlockIDs: [UInt64] = []
    /// Replicas marked corrupt because they disagree with the committed block.
    public var corruptBlockIDs: [UInt64] = []

    public init() {}
}
