/// One block of a file as every role names it: its id, the generation stamp that tells a current
/// replica from a stale one, and its length. Block files are named after `blockID` only, so a
/// request can never point outside a datanode's data folders.
public struct ExtendedBlock: Codable, Sendable, Hashable, CustomStringConvertible {
    public var blockID: UInt64
    public var generationStamp: UInt64
    public var lengthBytes: Int64

    public init(blockID: UInt64, generationStamp: UInt64, lengthBytes: Int64) {
        self.blockID = blockID
        self.generationStamp = generationStamp
        self.lengthBytes = lengthBytes
    }

    /// HDFS's block name, `blk_<id>_<generation stamp>`.
    public var description: String { "blk_\(blockID)_\(generationStamp)" }
}
