/// The calls a datanode makes to the namenode's `/rpc/<method>`: register, heartbeat (answered
/// with commands), full and incremental block reports.
public enum DatanodeProtocol {
    public enum Method {
        public static let register = "registerDatanode"
        public static let heartbeat = "heartbeat"
        public static let blockReport = "blockReport"
        public static let blockReceivedAndDeleted = "blockReceivedAndDeleted"
    }

    public struct RegistrationAnswer: Codable, Sendable {
        public var heartbeatIntervalMillis: Int
        public var blockReportIntervalMillis: Int
        /// The rack the namenode's topology setting puts this node in.
        public var rack: String

        public init(heartbeatIntervalMillis: Int, blockReportIntervalMillis: Int, rack: String) {
            self.heartbeatIntervalMillis = heartbeatIntervalMillis
            self.blockReportIntervalMillis = blockReportIntervalMillis
            self.rack = rack
        }
    }

    public struct Heartbeat: Codable, Sendable {
        public var datanodeUUID: String
        public var capacityBytes: Int64
        public var usedBytes: Int64
        public var remainingBytes: Int64
        public var transfersInProgress: Int

        public init(datanodeUUID: String, capacityBytes: Int64, usedBytes: Int64, remainingBytes: Int64, transfersInProgress: Int) {
            self.datanodeUUID = datanodeUUID
            self.capacityBytes = capacityBytes
            self.usedBytes = usedBytes
            self.remainingBytes = remainingBytes
            self.transfersInProgress = transfersInProgress
        }
    }

    public struct HeartbeatAnswer: Codable, Sendable {
        public var commands: [DatanodeCommand]

        public init(commands: [DatanodeCommand]) { self.commands = commands }
    }

    public struct BlockReport: Codable, Sendable {
        public var datanodeUUID: String
        public var replicas: [ReportedReplica]

        public init(datanodeUUID: String, replicas: [ReportedReplica]) {
            self.datanodeUUID = datanodeUUID
            self.replicas = replicas
        }
    }

    /// The incremental report: replicas finalized and deleted since the last one.
    public struct BlockReceivedAndDeleted: Codable, Sendable {
        public var datanodeUUID: String
        public var received: [ExtendedBlock]
        public var deletedBlockIDs: [UInt64]

        public init(datanodeUUID: String, received: [ExtendedBlock], deletedBlockIDs: [UInt64]) {
            self.datanodeUUID = datanodeUUID
            self.received = received
            self.deletedBlockIDs = deletedBlockIDs
        }
    }
}
