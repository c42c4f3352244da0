/// A file with its blocks in order, for reads (`getBlockLocations`) and fsck.
public struct FileBlocks: Sendable, Hashable {
    public var path: String
    public var status: PathStatus
    public var blocks: [ExtendedBlock]
    /// Open for writing: the last block may still grow.
    public var isUnderConstruction: Bool

    public init(path: String, status: PathStatus, blocks: [ExtendedBlock], isUnderConstruction: Bool) {
        self.path = path
        self.status = status
        self.blocks = blocks
        self.isUnderConstruction = isUnderConstruction
    }
}
