/// A snapshot of one datanode as the namenode knows it: identity, liveness and the storage
/// figures of its last heartbeat. A value; it does not change when the node does.
public struct DatanodeDescriptor: Sendable, Hashable {
    public var info: DatanodeInfo
    public var state: DatanodeState
    public var lastHeartbeatMillis: Int64
    public var capacityBytes: Int64
    public var usedBytes: Int64
    public var remainingBytes: Int64
    /// Block transfers the datanode said it was running at its last heartbeat.
    public var transfersInProgress: Int

    public init(
        info: DatanodeInfo, state: DatanodeState, lastHeartbeatMillis: Int64, capacityBytes: Int64 = 0,
        usedBytes: Int64 = 0, remainingBytes: Int64 = 0, transfersInProgress: Int = 0
    ) {
        self.info = info
        self.state = state
        self.lastHeartbeatMillis = lastHeartbeatMillis
        self.capacityBytes = capacityBytes
        self.usedBytes = usedBytes
        self.remainingBytes = remainingBytes
        self.transfersInProgress = transfersInProgress
    }

    public var datanodeUUID: String { info.datanodeUUID }
}
