/// One block of some file as the block manager needs it at start-up: how many replicas it
/// should have and whether its length is final.
public struct FileBlockRecord: Sendable, Hashable {
    public var block: ExtendedBlock
    public var replication: Int
    /// False for the last block of a file being written whose length is not committed yet.
    public var isComplete: Bool

    public init(block: ExtendedBlock, replication: Int, isComplete: Bool) {
        self.block = block
        self.replication = replication
        self.isComplete = isComplete
    }
}
