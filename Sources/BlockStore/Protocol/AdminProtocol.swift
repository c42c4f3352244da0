/// What `sluice dfs report` and `sluice dfs fsck` ask the namenode (`/rpc/report`, `/rpc/fsck`).
public enum AdminProtocol {
    public struct ClusterReport: Codable, Sendable {
        public var namenodeAddress: String
        public var isInSafeMode: Bool
        public var safeMode: SafeModeStatus
        public var blocks: BlockManagerCounts
        public var datanodes: [DatanodeReport]
        /// Over every datanode's history.
        public var availability: AvailabilityStatistics
        public var lastTransactionID: UInt64

        public init(
            namenodeAddress: String, isInSafeMode: Bool, safeMode: SafeModeStatus, blocks: BlockManagerCounts,
            datanodes: [DatanodeReport], availability: AvailabilityStatistics, lastTransactionID: UInt64
        ) {
            self.namenodeAddress = namenodeAddress
            self.isInSafeMode = isInSafeMode
            self.safeMode = safeMode
            self.blocks = blocks
            self.datanodes = datanodes
            self.availability = availability
            self.lastTransactionID = lastTransactionID
        }
    }

    public struct FsckRequest: Codable, Sendable {
        public var path: String
        public init(path: String) { self.path = path }
    }

    public struct FsckBlock: Codable, Sendable {
        public var block: ExtendedBlock
        public var expectedReplication: Int
        public var liveAddresses: [String]
        public var corruptAddresses: [String]

        public init(block: ExtendedBlock, expectedReplication: Int, liveAddresses: [String], corruptAddresses: [String]) {
            self.block = block
            self.expectedReplication = expectedReplication
            self.liveAddresses = liveAddresses
            self.corruptAddresses = corruptAddresses
        }
    }

    public struct FsckFile: Codable, Sendable {
        public var path: String
        public var lengthBytes: Int64
        public var isUnderConstruction: Bool
        public var blocks: [FsckBlock]

        public init(path: String, lengthBytes: Int64, isUnderConstruction: Bool, blocks: [FsckBlock]) {
            self.path = path
            self.lengthBytes = lengthBytes
            self.isUnderConstruction = isUnderConstruction
            self.blocks = blocks
        }
    }

    public struct FsckReport: Codable, Sendable {
        public var path: String
        public var files: [FsckFile]
        public var totalBlocks: Int
        public var missingBlocks: Int
        public var corruptReplicas: Int
        public var underReplicatedBlocks: Int
        /// HDFS's verdict: no missing blocks.
        public var isHealthy: Bool { missingBlocks == 0 }

        public init(path: String, files: [FsckFile]) {
            self.path = path
            self.files = files
            let blocks = files.flatMap(\.blocks)
            totalBlocks = blocks.count
            missingBlocks = blocks.filter { $0.liveAddresses.isEmpty }.count
            corruptReplicas = blocks.map(\.corruptAddresses.count).reduce(0, +)
            underReplicatedBlocks = blocks.filter { !$0.liveAddresses.isEmpty && $0.liveAddresses.count < $0.expectedReplication }.count
        }
    }
}
