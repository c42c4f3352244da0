/// The datanode manager's mutable state for one datanode: the last heartbeat, the commands
/// waiting for the next one, and its failure history. Guarded by the manager's lock.
struct DatanodeRecord {
    var info: DatanodeInfo
    var lastHeartbeatMillis: Int64
    var capacityBytes: Int64 = 0
    var usedBytes: Int64 = 0
    var remainingBytes: Int64 = 0
    var transfersInProgress = 0
    /// Set by `checkLiveness`; cleared only by registering again.
    var isDeclaredDead = false
    /// Start of the current up period (first registration or the last recovery).
    var upSinceMillis: Int64
    /// When the current down period began; nil while up.
    var failedAtMillis: Int64?
    var availability = AvailabilityStatistics()
    var queuedCommands: [DatanodeCommand] = []

    init(info: DatanodeInfo, nowMillis: Int64) {
        self.info = info
        lastHeartbeatMillis = nowMillis
        upSinceMillis = nowMillis
    }

    func state(nowMillis: Int64, staleAfterMillis: Int64) -> DatanodeState {
        if isDeclaredDead { return .dead }
        return nowMillis - lastHeartbeatMillis > staleAfterMillis ? .stale : .live
    }

    func descriptor(nowMillis: Int64, staleAfterMillis: Int64) -> DatanodeDescriptor {
        DatanodeDescriptor(
            info: info, state: state(nowMillis: nowMillis, staleAfterMillis: staleAfterMillis),
            lastHeartbeatMillis: lastHeartbeatMillis, capacityBytes: capacityBytes, usedBytes: usedBytes,
            remainingBytes: remainingBytes, transfersInProgress: transfersInProgress)
    }

    /// Queues `command`, folding deletions into one pending `.invalidate` so a heartbeat answer
    /// carries one list, and dropping a repeated `.register`.
    mutating func enqueue(_ command: DatanodeCommand) {
        switch command {
        case .invalidate(let blockIDs):
            if let index = queuedCommands.firstIndex(where: { if case .invalidate = $0 { true } else { false } }),
                case .invalidate(let queuedIDs) = queuedCommands[index]
            {
                var seen = Set(queuedIDs)
                let merged = queuedIDs + blockIDs.filter { seen.insert($0).inserted }
                queuedCommands[index] = .invalidate(blockIDs: merged)
                return
            }
        case .register:
            if queuedCommands.contains(.register) { return }
        case .transfer:
            break
        }
        queuedCommands.append(command)
    }
}
