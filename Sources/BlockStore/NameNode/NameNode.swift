import Cluster
import Foundation
import Hummingbird
import Logging
import Metrics
import SluiceCore

/// The namenode: the namespace with its edit log, the block map, datanode liveness, the
/// replication and lease monitors and safemode, served over HTTP (WebHDFS, the client and
/// datanode RPCs, a status page and metrics).
///
/// The namespace and the block manager do not know each other; this type passes blocks between
/// them (allocated, committed, removed, replication changed).
/// Thread-safety: every method may be called from any task.
public final class NameNode: @unchecked Sendable {
    // Sendable: `server` and `monitors` are set during start/stop and guarded by `lock`.
    public let configuration: NameNodeConfiguration
    public let namespace: NameSpace
    public let datanodes: DatanodeManager
    public let blocks: BlockManager
    public let safeMode: SafeModeGate
    let clock: any WallClock
    let logger = Logger(label: "sluice.namenode")
    private let lock = Mutex()
    private var server: HTTPService?
    private var monitors: [Task<Void, Never>] = []
    // Created after the metrics system is bootstrapped, so they reach the Prometheus registry.
    let operationCount: Counter
    let liveDatanodeGauge: Gauge
    let underReplicatedGauge: Gauge
    let missingGauge: Gauge

    /// Loads the namespace (image + edit log) and the block map of its files.
    /// - Throws: `SluiceError` (data) when the edit log is corrupt in the middle.
    public init(configuration: NameNodeConfiguration, clock: any WallClock = SystemWallClock()) throws {
        MetricsRegistry.bootstrap()
        operationCount = Counter(label: "sluice_namenode_operations_total")
        liveDatanodeGauge = Gauge(label: "sluice_namenode_live_datanodes")
        underReplicatedGauge = Gauge(label: "sluice_namenode_under_replicated_blocks")
        missingGauge = Gauge(label: "sluice_namenode_missing_blocks")
        self.configuration = configuration
        self.clock = clock
        namespace = try NameSpace(
            directory: configuration.directory, superuser: configuration.superuser, clock: clock,
            defaults: configuration.namespaceDefaults)
        datanodes = DatanodeManager(
            clock: clock, heartbeatIntervalMillis: configuration.heartbeatIntervalMillis,
            staleAfterMillis: configuration.staleAfterMillis, deadAfterMillis: configuration.deadAfterMillis,
            topology: configuration.topology)
        blocks = BlockManager(
            datanodes: datanodes, placement: BlockPlacementPolicy(blockSizeBytes: configuration.namespaceDefaults.blockSizeBytesMin),
            clock: clock, randomSeed: UInt64(clock.nowMillis()))
        safeMode = SafeModeGate(clock: clock, extensionMillis: configuration.safeModeExtensionMillis)
        for record in namespace.allFileBlocks() {
            blocks.addBlock(record.block, expectedReplication: record.replication, isComplete: record.isComplete)
        }
        safeMode.update(blocks.safeModeStatus(thresholdFraction: configuration.safeModeThresholdFraction))
    }

    /// `HOST:PORT` of the HTTP server, once started.
    public var address: String { "\(configuration.host):\(lock.withLock { server?.port } ?? configuration.port)" }

    /// Binds the HTTP server and starts the monitors.
    @discardableResult
    public func start() async throws -> Int {
        let service = HTTPService(host: configuration.bindHost, port: configuration.port, logger: logger) { [self] request, context in
            await NameNodeHTTPHandler(nameNode: self).respond(to: request, context: context)
        }
        let port = try await service.start()
        lock.withLock { server = service }
        let replication = PeriodicTask.start(intervalMillis: configuration.replicationMonitorIntervalMillis) { [self] in
            monitorReplication()
        }
        let leases = PeriodicTask.start(intervalMillis: configuration.leaseMonitorIntervalMillis, onFailure: { [logger] error in
            logger.warning("lease recovery failed: \(error)")
        }) { [self] in
            try await recoverExpiredLeases()
            if namespace.isCheckpointDue() { try namespace.checkpoint() }
        }
        lock.withLock { monitors = [replication, leases] }
        logger.info("namenode serving on \(configuration.host):\(port), namespace in \(configuration.directory)")
        return port
    }

    public func waitUntilStopped() async {
        await lock.withLock { server }?.waitUntilStopped()
    }

    public func stop() async {
        let (tasks, service) = lock.withLock { (monitors, server) }
        for task in tasks { task.cancel() }
        await service?.stop()
        try? namespace.close()
    }

    /// One round of the replication monitor: declare silent datanodes dead, then schedule copies
    /// of under-replicated blocks and deletions of extra replicas (not during safemode).
    public func monitorReplication() {
        for dead in datanodes.checkLiveness() {
            logger.warning("datanode \(dead) is dead; its replicas no longer count")
            blocks.nodeDied(dead.datanodeUUID)
        }
        safeMode.update(blocks.safeModeStatus(thresholdFraction: configuration.safeModeThresholdFraction))
        if !safeMode.isInSafeMode {
            _ = blocks.computeReplicationWork()
        }
        let counts = blocks.counts()
        liveDatanodeGauge.record(datanodes.liveNodes().count)
        underReplicatedGauge.record(counts.underReplicated)
        missingGauge.record(counts.missing)
    }

    /// Closes files whose writer stopped renewing its lease, at their last complete length.
    public func recoverExpiredLeases() async throws {
        guard !safeMode.isInSafeMode else { return }
        for expired in namespace.expiredLeases() {
            var lastLength: Int64?
            if let uncommitted = expired.uncommittedBlock,
                let status = blocks.fsck([uncommitted.blockID]).first, !status.liveLocations.isEmpty
            {
                lastLength = status.block.lengthBytes
            }
            let dropped = try await namespace.recoverLease(expired.path, lastBlockLengthBytes: lastLength)
            if let uncommitted = expired.uncommittedBlock, let lastLength {
                var committed = uncommitted
                committed.lengthBytes = lastLength
                blocks.commitBlock(committed)
            }
            blocks.removeBlocks(dropped.map(\.blockID))
            logger.warning("lease of \(expired.clientName) on \(expired.path) expired; file closed at its last complete length")
        }
    }

    /// The cluster summary `sluice dfs report` shows.
    public func clusterReport() -> AdminProtocol.ClusterReport {
        AdminProtocol.ClusterReport(
            namenodeAddress: address, isInSafeMode: safeMode.isInSafeMode,
            safeMode: blocks.safeModeStatus(thresholdFraction: configuration.safeModeThresholdFraction), blocks: blocks.counts(),
            datanodes: blocks.datanodeReport(), availability: datanodes.clusterAvailability(),
            lastTransactionID: namespace.lastTransactionID)
    }

    /// Every file under `path` with each block's live and corrupt replicas.
    public func fsck(_ path: String) throws -> AdminProtocol.FsckReport {
        let files = try namespace.walk(path)
        let statuses = blocks.fsck(files.flatMap { $0.blocks.map(\.blockID) })
        let byID = Dictionary(statuses.map { ($0.block.blockID, $0) }, uniquingKeysWith: { first, _ in first })
        let fsckFiles = files.map { file in
            AdminProtocol.FsckFile(
                path: file.path, lengthBytes: file.status.lengthBytes, isUnderConstruction: file.isUnderConstruction,
                blocks: file.blocks.map { block in
                    let status = byID[block.blockID]
                    return AdminProtocol.FsckBlock(
                        block: block, expectedReplication: status?.expectedReplication ?? file.status.replication,
                        liveAddresses: status?.liveLocations.map(\.address) ?? [],
                        corruptAddresses: status?.corruptLocations.map(\.address) ?? [])
                })
        }
        return AdminProtocol.FsckReport(path: path, files: fsckFiles)
    }
}
