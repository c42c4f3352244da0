/// A block just added to a file being written: the writer asks the block manager for a
/// pipeline of `replication` datanodes for it.
public struct AllocatedBlock: Sendable, Hashable {
    public var block: ExtendedBlock
    public var replication: Int
    /// Where the file is now (it may have been renamed since it was created).
    public var path: String

    public init(block: ExtendedBlock, replication: Int, path: String) {
        self.block = block
        self.replication = replication
        self.path = path
    }
}
