/// The calls a client makes to the namenode's `/rpc/<method>` beside WebHDFS: the write and read
/// protocol of files (create, blocks, complete, locations, leases). Every call carries the
/// caller's `user.name`.
public enum ClientProtocol {
    public enum Method {
        public static let create = "create"
        public static let append = "append"
        public static let addBlock = "addBlock"
        public static let abandonBlock = "abandonBlock"
        public static let complete = "complete"
        public static let getBlockLocations = "getBlockLocations"
        public static let renewLease = "renewLease"
        public static let reportBadBlock = "reportBadBlock"
        public static let fsck = "fsck"
        public static let report = "report"
    }

    public struct CreateRequest: Codable, Sendable {
        public var path: String
        public var overwrite: Bool
        public var replication: Int?
        public var blockSizeBytes: Int64?
        /// Octal permission bits; nil = 644.
        public var permission: UInt16?
        public var clientName: String

        public init(path: String, overwrite: Bool, replication: Int?, blockSizeBytes: Int64?, permission: UInt16?, clientName: String) {
            self.path = path
            self.overwrite = overwrite
            self.replication = replication
            self.blockSizeBytes = blockSizeBytes
            self.permission = permission
            self.clientName = clientName
        }
    }

    /// What a writer needs to know about the file it now holds the lease of.
    public struct OpenForWriteAnswer: Codable, Sendable {
        public var blockSizeBytes: Int64
        public var replication: Int
        /// Bytes already in the file (append).
        public var lengthBytes: Int64

        public init(blockSizeBytes: Int64, replication: Int, lengthBytes: Int64) {
            self.blockSizeBytes = blockSizeBytes
            self.replication = replication
            self.lengthBytes = lengthBytes
        }
    }

    public struct AppendRequest: Codable, Sendable {
        public var path: String
        public var clientName: String

        public init(path: String, clientName: String) {
            self.path = path
            self.clientName = clientName
        }
    }

    public struct AddBlockRequest: Codable, Sendable {
        public var path: String
        public var clientName: String
        /// The block written before, with its final length (commits it).
        public var previous: ExtendedBlock?
        /// Datanodes the client failed to reach for this file; placement avoids them.
        public var excludedDatanodeUUIDs: [String]
        /// The writer's host, so the first replica lands on it when it is a datanode.
        public var writerHost: String?

        public init(path: String, clientName: String, previous: ExtendedBlock?, excludedDatanodeUUIDs: [String], writerHost: String?) {
            self.path = path
            self.clientName = clientName
            self.previous = previous
            self.excludedDatanodeUUIDs = excludedDatanodeUUIDs
            self.writerHost = writerHost
        }
    }

    /// A block with the datanodes that hold it (reads) or should receive it (the write pipeline,
    /// in pipeline order), and where it starts in the file.
    public struct LocatedBlock: Codable, Sendable, Hashable {
        public var block: ExtendedBlock
        public var offsetBytes: Int64
        public var locations: [DatanodeInfo]

        public init(block: ExtendedBlock, offsetBytes: Int64, locations: [DatanodeInfo]) {
            self.block = block
            self.offsetBytes = offsetBytes
            self.locations = locations
        }
    }

    public struct AbandonBlockRequest: Codable, Sendable {
        public var path: String
        public var clientName: String
        public var block: ExtendedBlock

        public init(path: String, clientName: String, block: ExtendedBlock) {
            self.path = path
            self.clientName = clientName
            self.block = block
        }
    }

    public struct CompleteRequest: Codable, Sendable {
        public var path: String
        public var clientName: String
        public var last: ExtendedBlock?

        public init(path: String, clientName: String, last: ExtendedBlock?) {
            self.path = path
            self.clientName = clientName
            self.last = last
        }
    }

    public struct BlockLocationsRequest: Codable, Sendable {
        public var path: String
        public var readerHost: String?

        public init(path: String, readerHost: String?) {
            self.path = path
            self.readerHost = readerHost
        }
    }

    public struct LocatedBlocks: Codable, Sendable {
        public var lengthBytes: Int64
        public var blocks: [LocatedBlock]
        public var isUnderConstruction: Bool

        public init(lengthBytes: Int64, blocks: [LocatedBlock], isUnderConstruction: Bool) {
            self.lengthBytes = lengthBytes
            self.blocks = blocks
            self.isUnderConstruction = isUnderConstruction
        }
    }

    public struct RenewLeaseRequest: Codable, Sendable {
        public var clientName: String

        public init(clientName: String) { self.clientName = clientName }
    }

    /// A replica a reader or a datanode found corrupt.
    public struct BadBlockReport: Codable, Sendable {
        public var block: ExtendedBlock
        public var datanodeUUID: String

        public init(block: ExtendedBlock, datanodeUUID: String) {
            self.block = block
            self.datanodeUUID = datanodeUUID
        }
    }

    /// An answer with nothing in it.
    public struct Empty: Codable, Sendable {
        public init() {}
    }
}
