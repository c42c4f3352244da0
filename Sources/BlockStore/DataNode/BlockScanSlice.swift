/// What one time slice of the block scanner did.
public struct BlockScanSlice: Sendable, Equatable {
    /// Replicas found corrupt in this slice (bad checksum, or a meta file whose length does not
    /// match the block's).
    public var corruptBlocks: [ExtendedBlock]
    /// Block bytes read in this slice (all verified, except a piece that held a bad chunk).
    public var bytesVerified: Int64
    /// Whether this slice finished a pass over every finalized replica (the next slice starts a
    /// new pass).
    public var passCompleted: Bool

    public init(corruptBlocks: [ExtendedBlock], bytesVerified: Int64, passCompleted: Bool) {
        self.corruptBlocks = corruptBlocks
        self.bytesVerified = bytesVerified
        self.passCompleted = passCompleted
    }
}
