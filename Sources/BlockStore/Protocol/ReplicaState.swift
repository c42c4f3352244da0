/// A replica as a datanode reports it: finalized (complete, checksummed) or still being written.
public struct ReportedReplica: Codable, Sendable, Hashable {
    public var block: ExtendedBlock
    public var isFinalized: Bool

    public init(block: ExtendedBlock, isFinalized: Bool) {
        self.block = block
        self.isFinalized = isFinalized
    }
}
