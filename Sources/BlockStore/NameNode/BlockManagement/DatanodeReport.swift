/// One line of the namenode's datanode report (`hdfs dfsadmin -report`).
public struct DatanodeReport: Codable, Sendable, Hashable {
    public var info: DatanodeInfo
    public var state: DatanodeState
    public var lastHeartbeatAgeMillis: Int64
    public var capacityBytes: Int64
    public var usedBytes: Int64
    public var remainingBytes: Int64
    /// Replicas the block manager places on this node (good and corrupt).
    public var blockCount: Int
    public var availability: AvailabilityStatistics

    public init(
        info: DatanodeInfo, state: DatanodeState, lastHeartbeatAgeMillis: Int64, capacityBytes: Int64,
        usedBytes: Int64, remainingBytes: Int64, blockCount: Int, availability: AvailabilityStatistics
    ) {
        self.info = info
        self.state = state
        self.lastHeartbeatAgeMillis = lastHeartbeatAgeMillis
        self.capacityBytes = capacityBytes
        self.usedBytes = usedBytes
        self.remainingBytes = remainingBytes
        self.blockCount = blockCount
        self.availability = availability
    }

    /// `HOST:PORT`.
    public var address: String { info.address }
    public var rack: String { info.rack }
    public var failureCount: Int { availability.failureCount }
    public var recoveryCount: Int { availability.recoveryCount }
    public var meanTimeBetweenFailuresMillis: Double? { availability.meanTimeBetweenFailuresMillis }
    public var meanTimeToRecoveryMillis: Double? { availability.meanTimeToRecoveryMillis }
}
