import Cluster
import Foundation
import Hummingbird
import Logging
import SluiceCore

/// The coordinator of a cluster (`sluice coordinator`): keeps the membership of its workers
/// (registration, heartbeats, declaring the silent ones lost), and runs submitted jobs' driver
/// code with a `ClusterTaskBackend`, streaming their events back to the submitter.
///
/// Threading: every method may be called from any task.
public final class ClusterCoordinator: @unchecked Sendable {
    // Sendable: mutable state is guarded by `lock`; the rest is immutable or guards itself.
    public struct Configuration: Sendable {
        /// The address workers and submitters reach the coordinator at.
        public var host: String
        public var bindHost: String
        /// 0 picks a free port.
        public var port: Int
        /// How often workers heartbeat.
        public var heartbeatIntervalMillis: Int
        /// Silence after which a worker is declared lost.
        public var workerTimeoutMillis: Int
        /// Where the drivers' work folders go.
        public var workDirectory: String
        /// How long a `runEvents` call waits for a new event.
        public var eventWaitMillis: Int

        public init(host: String = "127.0.0.1", bindHost: String? = nil, port: Int = 7077, heartbeatIntervalMillis: Int = 1_000,
                    workerTimeoutMillis: Int = 10_000, workDirectory: String, eventWaitMillis: Int = 5_000) {
            self.host = host
            self.bindHost = bindHost ?? host
            self.port = port
            self.heartbeatIntervalMillis = heartbeatIntervalMillis
            self.workerTimeoutMillis = workerTimeoutMillis
            self.workDirectory = workDirectory
            self.eventWaitMillis = eventWaitMillis
        }
    }

    public let configuration: Configuration
    private let catalog: JobCatalog
    private let fileSystems: FileSystemRegistry
    private let registry: WorkerRegistry
    private let logger = Logger(label: "sluice.dataflow.coordinator")
    private let lock = Mutex()
    private var service: HTTPService?
    private var monitor: _Concurrency.Task<Void, Never>?
    private var runs: [String: ClusterJobRun] = [:]
    private var runOrder: [String] = []
    private var activeBackends: [String: ClusterTaskBackend] = [:]
    private var nextRunNumber = 0
    /// Finished runs kept for submitters that have not read their outcome yet.
    private let finishedRunsKept = 64

    public init(configuration: Configuration, catalog: JobCatalog, fileSystems: FileSystemRegistry = .shared,
                clock: any WallClock = SystemWallClock()) throws {
        self.configuration = configuration
        self.catalog = catalog
        self.fileSystems = fileSystems
        registry = WorkerRegistry(clock: clock)
        try LocalFileSystem().makeDirectories(configuration.workDirectory)
        registry.onWorkerLost { [weak self] workerId in
            guard let self else { return }
            logger.warning("worker \(workerId) is lost; its tasks go elsewhere and its map output will be recomputed")
            for backend in lock.withLock({ Array(activeBackends.values) }) { backend.cancelCalls(toWorker: workerId) }
        }
    }

    /// `HOST:PORT` of this coordinator, once started.
    public var address: String { "\(configuration.host):\(lock.withLock { service?.port } ?? configuration.port)" }

    /// The workers alive now: `HOST:PORT` and slots.
    public var liveWorkers: [(address: String, slotCount: Int)] {
        registry.liveWorkers.map { ($0.address, $0.slotCount) }
    }

    /// Binds, serves and starts watching heartbeats.
    @discardableResult
    public func start() async throws -> Int {
        let service = HTTPService(host: configuration.bindHost, port: configuration.port, logger: logger) { [self] request, _ in
            await respond(to: request)
        }
        lock.withLock { self.service = service }
        let port = try await service.start()
        let timeoutMillis = Int64(configuration.workerTimeoutMillis)
        let task = PeriodicTask.start(intervalMillis: max(10, min(configuration.heartbeatIntervalMillis, configuration.workerTimeoutMillis / 4))) {
            [registry] in registry.expireSilentWorkers(timeoutMillis: timeoutMillis)
        }
        lock.withLock { monitor = task }
        return port
    }

    public func waitUntilStopped() async {
        await lock.withLock { service }?.waitUntilStopped()
    }

    public func stop() async {
        let (task, service, backends) = lock.withLock { (monitor, self.service, Array(activeBackends.values)) }
        task?.cancel()
        for backend in backends { backend.shutdown() }
        await service?.stop()
    }

    // MARK: Requests

    private func respond(to request: Request) async -> Response {
        let path = request.uri.path
        do {
            guard request.method == .post, path.hasPrefix("/rpc/") else {
                throw SluiceError(.userInput, "no such resource on the coordinator: \(request.method) \(path)", condition: .notFound)
            }
            switch String(path.dropFirst("/rpc/".count)) {
            case CoordinatorProtocol.Method.registerWorker:
                let registration = try await ClusterHTTPAnswers.decode(CoordinatorProtocol.RegisterWorkerRequest.self, from: request)
                let workerId = registry.register(host: registration.host, port: registration.port, slotCount: registration.slotCount)
                logger.info("worker \(workerId) registered with \(registration.slotCount) slots")
                return ClusterHTTPAnswers.json(CoordinatorProtocol.RegisterWorkerAnswer(
                    workerId: workerId, heartbeatIntervalMillis: configuration.heartbeatIntervalMillis))
            case CoordinatorProtocol.Method.heartbeat:
                let heartbeat = try await ClusterHTTPAnswers.decode(CoordinatorProtocol.HeartbeatRequest.self, from: request)
                return ClusterHTTPAnswers.json(CoordinatorProtocol.HeartbeatAnswer(isKnown: registry.heartbeat(workerId: heartbeat.workerId)))
            case CoordinatorProtocol.Method.submitJob:
                let submission = try await ClusterHTTPAnswers.decode(CoordinatorProtocol.SubmitJobRequest.self, from: request)
                return ClusterHTTPAnswers.json(CoordinatorProtocol.SubmitJobAnswer(runId: try submit(submission)))
            case CoordinatorProtocol.Method.runEvents:
                let asked = try await ClusterHTTPAnswers.decode(CoordinatorProtocol.RunEventsRequest.self, from: request)
                guard let run = lock.withLock({ runs[asked.runId] }) else {
                    throw SluiceError(.userInput, "no run \(asked.runId) on this coordinator", condition: .notFound)
                }
                return ClusterHTTPAnswers.json(await run.events(after: asked.afterSequence, waitMillis: configuration.eventWaitMillis))
            case CoordinatorProtocol.Method.listWorkers:
                let workers = registry.liveWorkers.map {
                    CoordinatorProtocol.WorkerStatus(workerId: $0.id, address: $0.address, slotCount: $0.slotCount, runningTaskCount: $0.usedSlotCount,
                                                     startedTaskCount: $0.startedTaskCount, startedPreferringTaskCount: $0.startedPreferringTaskCount,
                                                     startedDataLocalTaskCount: $0.startedDataLocalTaskCount)
                }
                return ClusterHTTPAnswers.json(CoordinatorProtocol.ListWorkersAnswer(workers: workers))
            default:
                throw SluiceError(.userInput, "unknown coordinator call \(path)", condition: .notFound)
            }
        } catch {
            return ClusterHTTPAnswers.error(error)
        }
    }

    /// Checks the job and its options, then runs its driver code in the background.
    ///
    /// - Throws: `SluiceError.userInput` for an unknown job, option or mode.
    private func submit(_ submission: CoordinatorProtocol.SubmitJobRequest) throws -> String {
        let job = try catalog.job(named: submission.jobName)
        let arguments = try JobArguments(parsing: submission.arguments, for: job)
        let runId = lock.withLock { () -> String in
            nextRunNumber += 1
            return "\(UInt32.random(in: 0...UInt32.max))-\(nextRunNumber)"
        }
        let config = try submission.settings.config(master: try Master(parsing: "sluice://\(address)"),
                                                    workDirectory: "\(configuration.workDirectory)/run-\(runId)")
        let environment = try ExecutionEnvironment(config: config, taskSlotCount: max(1, registry.liveWorkers.reduce(0) { $0 + $1.slotCount }),
                                                   fileSystems: fileSystems)
        let run = ClusterJobRun(runId: runId, job: job, arguments: arguments, settings: submission.settings)
        let backend = ClusterTaskBackend(registry: registry, run: run)
        lock.withLock {
            runs[runId] = run
            runOrder.append(runId)
            activeBackends[runId] = backend
            forgetOldRuns()
        }
        logger.info("run \(runId): job \(job.name) \(arguments.commandLine.joined(separator: " "))")
        _Concurrency.Task { await drive(run, context: DataflowContext(config: config, environment: environment, backend: backend)) }
        return runId
    }

    private func drive(_ run: ClusterJobRun, context: DataflowContext) async {
        context.scheduler.addListener { event in run.record(event) }
        do {
            let summary = try await run.job.run(context, run.arguments)
            run.finish(CoordinatorProtocol.RunOutcome(summaryLines: summary.lines, failure: nil))
        } catch {
            logger.warning("run \(run.runId) failed: \(error)")
            run.finish(CoordinatorProtocol.RunOutcome(summaryLines: nil, failure: Self.runFailure(error)))
        }
        context.close()
        lock.withLock { _ = activeBackends.removeValue(forKey: run.runId) }
        await endRunOnWorkers(run.runId)
    }

    static func runFailure(_ error: any Error) -> CoordinatorProtocol.RunFailure {
        if let failure = error as? JobFailure {
            return CoordinatorProtocol.RunFailure(jobFailure: JobFailureWire(failure), fault: SluiceError.Fault.userInput.rawValue,
                                                  message: failure.description)
        }
        let sluiceError = error as? SluiceError ?? SluiceError.internal("\(error)")
        return CoordinatorProtocol.RunFailure(jobFailure: nil, fault: sluiceError.fault.rawValue, message: sluiceError.message)
    }

    /// Tells every worker to drop the run's map output and files (best effort).
    private func endRunOnWorkers(_ runId: String) async {
        await withTaskGroup(of: Void.self) { group in
            for worker in registry.liveWorkers {
                group.addTask {
                    let client = JSONRPCClient(address: worker.address, timeoutSeconds: 10)
                    _ = try? await client.call(WorkerProtocol.Method.endRun, WorkerProtocol.EndRunRequest(runId: runId), as: WorkerProtocol.Empty.self)
                }
            }
        }
    }

    /// Drops the oldest finished runs beyond `finishedRunsKept`; call with `lock` held.
    private func forgetOldRuns() {
        let finished = runOrder.filter { runs[$0]?.isFinished == true }
        guard finished.count > finishedRunsKept else { return }
        let dropped = Set(finished.prefix(finished.count - finishedRunsKept))
        runOrder.removeAll { dropped.contains($0) }
        for runId in dropped { runs.removeValue(forKey: runId) }
    }
}
