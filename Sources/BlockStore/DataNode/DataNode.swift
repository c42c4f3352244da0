import Cluster
import Foundation
import Hummingbird
import Logging
import Metrics
import NIOCore
import SluiceCore

/// A datanode: stores replicas with checksums, serves and forwards block bytes, heartbeats to the
/// namenode and carries out its commands (copy a replica elsewhere, delete replicas), reports
/// replicas it finds corrupt, and serves WebHDFS's data operations.
///
/// Thread-safety: every method may be called from any task.
public final class DataNode: @unchecked Sendable {
    // Sendable: mutable state (`registration`, `backgroundTasks`, counters) is guarded by `lock`.
    public let configuration: DataNodeConfiguration
    public let storage: BlockStorage
    let logger = Logger(label: "sluice.datanode")
    let namenode: JSONRPCClient
    private let lock = Mutex()
    private var server: HTTPService?
    private var backgroundTasks: [Task<Void, Never>] = []
    private var info: DatanodeInfo?
    private var heartbeatIntervalMillis = 3000
    private var transfersInProgress = 0
    // Created after the metrics system is bootstrapped, so they reach the Prometheus registry.
    let bytesWritten: Counter
    let bytesRead: Counter
    let checksumFailures: Counter
    let usedBytesGauge: Gauge

    public init(configuration: DataNodeConfiguration) throws {
        MetricsRegistry.bootstrap()
        bytesWritten = Counter(label: "sluice_datanode_bytes_written_total")
        bytesRead = Counter(label: "sluice_datanode_bytes_read_total")
        checksumFailures = Counter(label: "sluice_datanode_checksum_failures_total")
        usedBytesGauge = Gauge(label: "sluice_datanode_used_bytes")
        self.configuration = configuration
        self.storage = try BlockStorage(dataDirectories: configuration.dataDirectories, syncOnFinalize: configuration.syncReplicas)
        self.namenode = JSONRPCClient(address: configuration.namenodeAddress)
    }

    /// This node as it registered, once started.
    public var datanodeInfo: DatanodeInfo? { lock.withLock { info } }

    /// `HOST:PORT` of this node's HTTP server, once started.
    public var address: String { "\(configuration.host):\(server?.port ?? configuration.port)" }

    /// Starts serving, registers with the namenode (retrying until it answers), sends a full
    /// block report and a first heartbeat, and starts the heartbeat, report and scanner loops.
    public func start() async throws {
        let service = HTTPService(host: configuration.bindHost, port: configuration.port, logger: logger) { [self] request, context in
            await DataNodeHTTPHandler(dataNode: self).respond(to: request, context: context)
        }
        let port = try await service.start()
        lock.withLock { server = service }
        let me = DatanodeInfo(datanodeUUID: storage.datanodeUUID, host: configuration.host, port: port, rack: configuration.rack)
        lock.withLock { info = me }
        logger.info("datanode \(me) serving, namenode \(configuration.namenodeAddress)")
        let registered = Task { [self] in
            while !Task.isCancelled {
                do {
                    try await register()
                    return
                } catch {
                    logger.warning("cannot register with the namenode at \(configuration.namenodeAddress) yet: \(error)")
                    try? await Task.sleep(nanoseconds: 1_000_000_000)
                }
            }
        }
        await registered.value
        // The namenode places blocks only on nodes whose free space it knows, which the first
        // heartbeat tells: a node is ready for writes when `start` returns.
        do {
            try await sendHeartbeat()
        } catch {
            logger.warning("first heartbeat failed (the loop tries again): \(error)")
        }
        let heartbeat = PeriodicTask.start(intervalMillis: lock.withLock { heartbeatIntervalMillis }, onFailure: { [logger] error in
            logger.warning("heartbeat failed: \(error)")
        }) { [self] in try await sendHeartbeat() }
        var tasks = [heartbeat]
        if let reportInterval = configuration.blockReportIntervalMillis {
            tasks.append(PeriodicTask.start(intervalMillis: reportInterval) { [self] in try await sendFullBlockReport() })
        }
        if let scanInterval = configuration.scanIntervalMillis {
            tasks.append(PeriodicTask.start(intervalMillis: scanInterval) { [self] in await scanForCorruption() })
        }
        lock.withLock { backgroundTasks.append(contentsOf: tasks) }
    }

    /// Waits until the HTTP server stops.
    public func waitUntilStopped() async {
        await server?.waitUntilStopped()
    }

    public func stop() async {
        let tasks = lock.withLock { backgroundTasks }
        for task in tasks { task.cancel() }
        await server?.stop()
    }

    // MARK: Namenode protocol

    func register() async throws {
        guard let me = datanodeInfo else { return }
        let answer = try await namenode.call(DatanodeProtocol.Method.register, me, as: DatanodeProtocol.RegistrationAnswer.self)
        lock.withLock {
            heartbeatIntervalMillis = configuration.heartbeatIntervalMillis ?? answer.heartbeatIntervalMillis
            info?.rack = answer.rack
        }
        try await sendFullBlockReport()
    }

    func sendFullBlockReport() async throws {
        let report = DatanodeProtocol.BlockReport(datanodeUUID: storage.datanodeUUID, replicas: storage.replicas())
        _ = try await namenode.call(DatanodeProtocol.Method.blockReport, report, as: ClientProtocol.Empty.self)
    }

    func sendHeartbeat() async throws {
        let capacity = storage.capacity()
        usedBytesGauge.record(capacity.usedBytes)
        let heartbeat = DatanodeProtocol.Heartbeat(
            datanodeUUID: storage.datanodeUUID, capacityBytes: capacity.capacityBytes, usedBytes: capacity.usedBytes,
            remainingBytes: capacity.remainingBytes, transfersInProgress: lock.withLock { transfersInProgress })
        let answer = try await namenode.call(DatanodeProtocol.Method.heartbeat, heartbeat, as: DatanodeProtocol.HeartbeatAnswer.self)
        for command in answer.commands {
            await carryOut(command)
        }
    }

    /// Tells the namenode about replicas finalized or deleted here.
    func reportReplicaChanges(received: [ExtendedBlock], deletedBlockIDs: [UInt64]) async {
        let report = DatanodeProtocol.BlockReceivedAndDeleted(datanodeUUID: storage.datanodeUUID, received: received, deletedBlockIDs: deletedBlockIDs)
        do {
            _ = try await namenode.call(DatanodeProtocol.Method.blockReceivedAndDeleted, report, as: ClientProtocol.Empty.self)
        } catch {
            logger.warning("could not report replica changes to the namenode (the next full report will): \(error)")
        }
    }

    /// Tells the namenode a replica here is corrupt.
    func reportCorrupt(_ block: ExtendedBlock) async {
        checksumFailures.increment()
        let report = ClientProtocol.BadBlockReport(block: block, datanodeUUID: storage.datanodeUUID)
        _ = try? await namenode.call(ClientProtocol.Method.reportBadBlock, report, as: ClientProtocol.Empty.self)
    }

    private func carryOut(_ command: DatanodeCommand) async {
        switch command {
        case .register:
            do { try await register() } catch { logger.warning("re-registration failed: \(error)") }
        case .invalidate(let blockIDs):
            var deleted: [UInt64] = []
            for blockID in blockIDs {
                do {
                    // A replica already gone counts as deleted too: the namenode waits for this
                    // report before it places the block here again (its view can lag, e.g. a
                    // corrupt report from a scan that raced with an earlier deletion).
                    try storage.deleteReplica(blockID: blockID)
                    deleted.append(blockID)
                } catch {
                    logger.warning("cannot delete replica of block \(blockID): \(error)")
                }
            }
            if !deleted.isEmpty { await reportReplicaChanges(received: [], deletedBlockIDs: deleted) }
        case .transfer(let block, let targets):
            lock.withLock { transfersInProgress += 1 }
            Task { [self] in
                defer { lock.withLock { transfersInProgress -= 1 } }
                await transfer(block, to: targets)
            }
        }
    }

    /// Copies a local replica through a pipeline of `targets` (re-replication).
    private func transfer(_ block: ExtendedBlock, to targets: [DatanodeInfo]) async {
        guard let first = targets.first else { return }
        do {
            let reader = try storage.openReplica(blockID: block.blockID)
            let bytes = try reader.read(offset: 0, count: Int(reader.lengthBytes))
            let downstream = targets.dropFirst().map(\.address).joined(separator: ",")
            let url = "http://\(first.address)\(DataTransferProtocol.blockPath(block.blockID))?generation=\(reader.generationStamp)&targets=\(downstream)"
            _ = try await HTTPCall.sendBuffer(method: .PUT, url: url, body: ByteBuffer(bytes: bytes), timeoutSeconds: 300)
            logger.info("copied \(reader.block) to \(targets.map(\.address).joined(separator: ", "))")
        } catch let error as BlockStoreError where error.kind == .checksum {
            logger.warning("replica of \(block) is corrupt, not copied: \(error)")
            await reportCorrupt(block)
        } catch {
            logger.warning("copying \(block) to \(first.address) failed: \(error)")
        }
    }

    /// One pass of the block scanner; corrupt replicas are reported.
    func scanForCorruption() async {
        let scanner = BlockScanner(storage: storage)
        let bytesPerSecondMax = configuration.scanBytesPerSecondMax
        let corrupt = await Task.detached { scanner.scan(bytesPerSecondMax: bytesPerSecondMax) }.value
        for block in corrupt {
            logger.warning("block scanner found \(block) corrupt")
            await reportCorrupt(block)
        }
    }
}
