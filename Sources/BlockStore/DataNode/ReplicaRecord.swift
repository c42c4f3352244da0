/// What a datanode's storage knows about one replica on disk: the block (its length is the
/// block file's), whether it is finalized, and which data folder holds it.
struct ReplicaRecord: Sendable, Equatable {
    var block: ExtendedBlock
    var isFinalized: Bool
    var folderIndex: Int

    var reported: ReportedReplica { ReportedReplica(block: block, isFinalized: isFinalized) }

    /// Bytes on disk: the block file and its meta file.
    var diskBytes: Int64 { block.lengthBytes + BlockMetaFormat.metaLengthBytes(blockLengthBytes: block.lengthBytes) }

    /// Whether this replica should be kept over `other` of the same block: finalized beats
    /// being-written, then the newer generation stamp wins.
    func supersedes(_ other: ReplicaRecord) -> Bool {
        if isFinalized != other.isFinalized { return isFinalized }
        return block.generationStamp > other.block.generationStamp
    }
}
