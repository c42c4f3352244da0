/// How block bytes move: `PUT /data/block/<id>?generation=G&targets=A,B` writes a replica on the
/// datanode called and forwards the same bytes to the next address in `targets` (the pipeline);
/// `GET /data/block/<id>?offset=O&length=N` reads a range after checking its checksums;
/// `GET /data/blockcrc/<id>?continuing=C` gives the CRC-32C of the whole replica continuing
/// from `C` (file checksums).
public enum DataTransferProtocol {
    public static func blockPath(_ blockID: UInt64) -> String { "/data/block/\(blockID)" }
    public static func blockChecksumPath(_ blockID: UInt64) -> String { "/data/blockcrc/\(blockID)" }

    /// The answer to a pipeline write: which datanodes of the pipeline stored the replica.
    public struct PipelineAck: Codable, Sendable {
        /// The block with its final length.
        public var block: ExtendedBlock
        /// In pipeline order, starting with the datanode that answers.
        public var storedDatanodeUUIDs: [String]
        /// Addresses downstream that failed (and every one after them).
        public var failedAddresses: [String]

        public init(block: ExtendedBlock, storedDatanodeUUIDs: [String], failedAddresses: [String]) {
            self.block = block
            self.storedDatanodeUUIDs = storedDatanodeUUIDs
            self.failedAddresses = failedAddresses
        }
    }

    public struct ReplicaChecksum: Codable, Sendable {
        public var crc32c: UInt32
        public var lengthBytes: Int64

        public init(crc32c: UInt32, lengthBytes: Int64) {
            self.crc32c = crc32c
            self.lengthBytes = lengthBytes
        }
    }
}
