import Logging
import SluiceCore

/// The namenode's view of its datanodes: registration, heartbeats, liveness, the commands
/// waiting for each node's next heartbeat, rack resolution, and each node's failure history
/// (MTBF, MTTR).
///
/// Liveness follows HDFS: a node is stale after `staleAfterMillis` without a heartbeat and dead
/// after `deadAfterMillis` (10.5 minutes by default), but only `checkLiveness()` declares it
/// dead; until then it reads as stale. A dead node answers every heartbeat with `.register` and
/// comes back only by registering again, which counts as a recovery.
///
/// A failure is timed at the moment the node crossed the dead timeout (last heartbeat +
/// `deadAfterMillis`), not when `checkLiveness` noticed, so the figures do not depend on how
/// often the monitor runs.
///
/// Threading: every method may be called from any thread.
public final class DatanodeManager: @unchecked Sendable {
    // Sendable: all mutable state (`records`) is guarded by `lock`; the rest is immutable.
    private let lock = Mutex()
    private var records: [String: DatanodeRecord] = [:]
    private let clock: any WallClock
    private let logger = Logger(label: "sluice.namenode")

    public let heartbeatIntervalMillis: Int64
    public let staleAfterMillis: Int64
    public let deadAfterMillis: Int64
    /// `host:port` or `host` → rack; overrides the rack a datanode reports.
    public let topology: [String: String]

    /// - Parameters:
    ///   - clock: where time comes from.
    ///   - heartbeatIntervalMillis: how often datanodes heartbeat (for callers deriving timeouts).
    ///   - staleAfterMillis: heartbeat age after which a node is stale.
    ///   - deadAfterMillis: heartbeat age after which `checkLiveness` declares a node dead.
    ///   - topology: rack of each `host:port` or `host`; the more specific key wins.
    public init(
        clock: any WallClock, heartbeatIntervalMillis: Int64 = 3000, staleAfterMillis: Int64 = 30_000,
        deadAfterMillis: Int64 = 630_000, topology: [String: String] = [:]
    ) {
        precondition(heartbeatIntervalMillis > 0 && staleAfterMillis > 0 && deadAfterMillis >= staleAfterMillis)
        self.clock = clock
        self.heartbeatIntervalMillis = heartbeatIntervalMillis
        self.staleAfterMillis = staleAfterMillis
        self.deadAfterMillis = deadAfterMillis
        self.topology = topology
    }

    /// Registers a new datanode or re-registers a known one (same UUID, perhaps a new address).
    /// A node that had been declared dead recovers: its down time is recorded and a new up
    /// period begins. Re-registering a node that never died keeps its up period running.
    ///
    /// - Returns: the node as the namenode records it, with the rack from `topology` when the
    ///   topology names its address or host.
    @discardableResult
    public func register(_ info: DatanodeInfo) -> DatanodeInfo {
        var resolved = info
        resolved.rack = rack(host: info.host, port: info.port) ?? info.rack
        let nowMillis = clock.nowMillis()
        let recovered: Bool = lock.withLock {
            guard var record = records[info.datanodeUUID] else {
                records[info.datanodeUUID] = DatanodeRecord(info: resolved, nowMillis: nowMillis)
                return false
            }
            record.info = resolved
            record.lastHeartbeatMillis = nowMillis
            let wasDead = record.isDeclaredDead
            if wasDead {
                record.isDeclaredDead = false
                if let failedAtMillis = record.failedAtMillis {
                    record.availability.recoveryCount += 1
                    record.availability.completedDownTimeMillis += max(0, nowMillis - failedAtMillis)
                }
                record.failedAtMillis = nil
                record.upSinceMillis = nowMillis
            }
            records[info.datanodeUUID] = record
            return wasDead
        }
        logger.info(
            "\(recovered ? "Recovered" : "Registered") datanode \(resolved)",
            metadata: ["datanode": "\(resolved.address)"])
        return resolved
    }

    /// Records a heartbeat and hands over the commands queued for the node.
    ///
    /// - Returns: the queued commands (now cleared), or `[.register]` when the node is unknown
    ///   or declared dead and must register (and send a full block report) first.
    public func heartbeat(
        datanodeUUID: String, capacityBytes: Int64, usedBytes: Int64, remainingBytes: Int64,
        transfersInProgress: Int
    ) -> [DatanodeCommand] {
        let nowMillis = clock.nowMillis()
        return lock.withLock {
            guard var record = records[datanodeUUID], !record.isDeclaredDead else { return [.register] }
            record.lastHeartbeatMillis = nowMillis
            record.capacityBytes = capacityBytes
            record.usedBytes = usedBytes
            record.remainingBytes = remainingBytes
            record.transfersInProgress = transfersInProgress
            let commands = record.queuedCommands
            record.queuedCommands = []
            records[datanodeUUID] = record
            return commands
        }
    }

    /// Declares dead every node without a heartbeat for more than `deadAfterMillis`, records
    /// the failure (at last heartbeat + `deadAfterMillis`) and drops its queued commands.
    ///
    /// - Returns: the newly dead nodes; the caller removes their replicas
    ///   (`BlockManager.nodeDied`).
    public func checkLiveness() -> [DatanodeInfo] {
        let nowMillis = clock.nowMillis()
        let newlyDead: [DatanodeInfo] = lock.withLock {
            var dead: [DatanodeInfo] = []
            for (uuid, var record) in records
            where !record.isDeclaredDead && nowMillis - record.lastHeartbeatMillis > deadAfterMillis {
                let failedAtMillis = record.lastHeartbeatMillis + deadAfterMillis
                record.isDeclaredDead = true
                record.failedAtMillis = failedAtMillis
                record.availability.failureCount += 1
                record.availability.completedUpTimeMillis += max(0, failedAtMillis - record.upSinceMillis)
                record.queuedCommands = []
                records[uuid] = record
                dead.append(record.info)
            }
            return dead.sorted { $0.datanodeUUID < $1.datanodeUUID }
        }
        for info in newlyDead {
            logger.warning("Datanode \(info) is dead: no heartbeat for \(deadAfterMillis) ms")
        }
        return newlyDead
    }

    /// Queues `command` for the node's next heartbeat; ignored for unknown or dead nodes, whose
    /// work is rescheduled elsewhere.
    public func enqueue(_ command: DatanodeCommand, for datanodeUUID: String) {
        lock.withLock {
            guard records[datanodeUUID]?.isDeclaredDead == false else { return }
            records[datanodeUUID]?.enqueue(command)
        }
    }

    /// Nodes not declared dead (live and stale), ordered by UUID.
    public func liveNodes() -> [DatanodeInfo] {
        descriptors().filter { $0.state != .dead }.map(\.info)
    }

    /// The node with this UUID, if it ever registered.
    public func node(_ datanodeUUID: String) -> DatanodeDescriptor? {
        let nowMillis = clock.nowMillis()
        return lock.withLock {
            records[datanodeUUID]?.descriptor(nowMillis: nowMillis, staleAfterMillis: staleAfterMillis)
        }
    }

    /// Every node ever registered, dead ones included, ordered by UUID.
    public func descriptors() -> [DatanodeDescriptor] {
        let nowMillis = clock.nowMillis()
        return lock.withLock {
            records.values.map { $0.descriptor(nowMillis: nowMillis, staleAfterMillis: staleAfterMillis) }
        }.sorted { $0.datanodeUUID < $1.datanodeUUID }
    }

    /// The datanode report, ordered by UUID.
    ///
    /// - Parameter blockCounts: replicas per datanode UUID, as the block manager knows them
    ///   (`BlockManager.datanodeReport()` fills it in).
    public func report(blockCounts: [String: Int] = [:]) -> [DatanodeReport] {
        let nowMillis = clock.nowMillis()
        return lock.withLock {
            records.values.map { record in
                DatanodeReport(
                    info: record.info,
                    state: record.state(nowMillis: nowMillis, staleAfterMillis: staleAfterMillis),
                    lastHeartbeatAgeMillis: nowMillis - record.lastHeartbeatMillis,
                    capacityBytes: record.capacityBytes, usedBytes: record.usedBytes,
                    remainingBytes: record.remainingBytes,
                    blockCount: blockCounts[record.info.datanodeUUID] ?? 0,
                    availability: record.availability)
            }
        }.sorted { $0.info.datanodeUUID < $1.info.datanodeUUID }
    }

    /// Failure figures of all nodes pooled: cluster MTBF is total completed up time over total
    /// failures, cluster MTTR total down time over total recoveries.
    public func clusterAvailability() -> AvailabilityStatistics {
        lock.withLock {
            records.values.reduce(AvailabilityStatistics()) { $0.adding($1.availability) }
        }
    }

    /// The rack of a host (a reader or writer): the rack of a registered datanode on it, else
    /// the topology's entry for the host, else nil.
    public func rack(ofHost host: String) -> String? {
        let registered: String? = lock.withLock {
            records.values.first { $0.info.host == host && !$0.isDeclaredDead }?.info.rack
        }
        return registered ?? topology[host]
    }

    private func rack(host: String, port: Int) -> String? {
        topology["\(host):\(port)"] ?? topology[host]
    }
}
