/// One block as fsck shows it: how many replicas it should have and where its replicas are.
public struct BlockReplicaStatus: Sendable, Hashable {
    public var block: ExtendedBlock
    public var expectedReplication: Int
    public var isComplete: Bool
    /// Nodes not declared dead holding a good replica.
    public var liveLocations: [DatanodeInfo]
    /// Nodes holding a replica known to be corrupt.
    public var corruptLocations: [DatanodeInfo]

    public init(
        block: ExtendedBlock, expectedReplication: Int, isComplete: Bool, liveLocations: [DatanodeInfo],
        corruptLocations: [DatanodeInfo]
    ) {
        self.block = block
        self.expectedReplication = expectedReplication
        self.isComplete = isComplete
        self.liveLocations = liveLocations
        self.corruptLocations = corruptLocations
    }
}
