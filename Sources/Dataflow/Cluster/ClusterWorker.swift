import Cluster
import Foundation
import Hummingbird
import Logging
import NIOCore
import SluiceCore

/// A worker process of a cluster (`sluice worker`): registers with the coordinator and
/// heartbeats, runs the tasks it is sent on its slot threads, and serves the map output it wrote
/// to the reduce tasks of other workers.
///
/// A task is run by rebuilding its job's DAG: the worker runs the same compiled-in job code with
/// the same arguments on a worker-role context (see `WorkerTaskBackend`). Map output and cached
/// partitions of a run live in that run's `ExecutionEnvironment` until the coordinator ends the run.
///
/// Threading: every method may be called from any task.
public final class ClusterWorker: @unchecked Sendable {
    // Sendable: mutable state is guarded by `lock`; the rest is immutable or guards itself.
    public struct Configuration: Sendable {
        /// The coordinator's `HOST:PORT`.
        public var coordinatorAddress: String
        /// The address others reach this worker at (its host is matched against block locations).
        public var host: String
        public var bindHost: String
        /// 0 picks a free port.
        public var port: Int
        /// Tasks run at once.
        public var slotCount: Int
        /// Where the runs' shuffle and spill files go.
        public var workDirectory: String
        /// Overrides the coordinator's heartbeat interval (tests use short ones).
        public var heartbeatIntervalMillis: Int?

        public init(coordinatorAddress: String, host: String = "127.0.0.1", bindHost: String? = nil, port: Int = 0,
                    slotCount: Int = Master.processorCount, workDirectory: String, heartbeatIntervalMillis: Int? = nil) {
            self.coordinatorAddress = coordinatorAddress
            self.host = host
            self.bindHost = bindHost ?? host
            self.port = port
            self.slotCount = max(1, slotCount)
            self.workDirectory = workDirectory
            self.heartbeatIntervalMillis = heartbeatIntervalMillis
        }
    }

    /// A run's environment on this worker.
    private struct RunState {
        let config: ExecutionConfig
        let environment: ExecutionEnvironment
    }

    public let configuration: Configuration
    private let catalog: JobCatalog
    private let fileSystems: FileSystemRegistry
    private let logger = Logger(label: "sluice.dataflow.worker")
    private let pool: TaskThreadPool
    private let rebuildGate = RebuildGate()
    private let lock = Mutex()
    private var service: HTTPService?
    private var workerId: String?
    private var runs: [String: RunState] = [:]
    private var heartbeat: _Concurrency.Task<Void, Never>?

    public init(configuration: Configuration, catalog: JobCatalog, fileSystems: FileSystemRegistry = .shared) throws {
        self.configuration = configuration
        self.catalog = catalog
        self.fileSystems = fileSystems
        pool = TaskThreadPool(threadCount: configuration.slotCount, name: "sluice-worker-slot")
        try LocalFileSystem().makeDirectories(configuration.workDirectory)
    }

    /// `HOST:PORT` of this worker, once started.
    public var address: String { "\(configuration.host):\(lock.withLock { service?.port } ?? configuration.port)" }

    /// Serves, registers with the coordinator (retrying until it answers) and starts heartbeating.
    public func start() async throws {
        let service = HTTPService(host: configuration.bindHost, port: configuration.port, logger: logger) { [self] request, _ in
            await respond(to: request)
        }
        lock.withLock { self.service = service }
        try await service.start()
        let intervalMillis = try await registerUntilAnswered()
        let task = PeriodicTask.start(intervalMillis: intervalMillis, onFailure: { [logger] error in
            logger.warning("heartbeat to the coordinator failed: \(error)")
        }) { [self] in try await sendHeartbeat() }
        lock.withLock { heartbeat = task }
    }

    public func waitUntilStopped() async {
        await lock.withLock { service }?.waitUntilStopped()
    }

    /// Stops heartbeating and serving and removes the runs' files. Tasks in flight are abandoned.
    public func stop() async {
        let (task, service, runs) = lock.withLock { () -> (_Concurrency.Task<Void, Never>?, HTTPService?, [RunState]) in
            defer { self.runs.removeAll() }
            return (heartbeat, self.service, Array(self.runs.values))
        }
        task?.cancel()
        await service?.stop()
        pool.shutdown()
        for run in runs { run.environment.removeWorkDirectory() }
    }

    // MARK: Membership

    private func registerUntilAnswered() async throws -> Int {
        let retry = RetryPolicy(attemptCountMax: Int.max, initialDelayMillis: 100, delayMillisMax: 2_000)
        return try await retry.run { [self] in
            do {
                return try await register()
            } catch {
                logger.warning("cannot register with the coordinator at \(configuration.coordinatorAddress) yet: \(error)")
                throw error
            }
        }
    }

    private func register() async throws -> Int {
        let client = JSONRPCClient(address: configuration.coordinatorAddress)
        let request = CoordinatorProtocol.RegisterWorkerRequest(host: configuration.host, port: lock.withLock { service?.port } ?? configuration.port,
                                                                slotCount: configuration.slotCount)
        let answer = try await client.call(CoordinatorProtocol.Method.registerWorker, request, as: CoordinatorProtocol.RegisterWorkerAnswer.self)
        lock.withLock { workerId = answer.workerId }
        logger.info("registered with the coordinator as \(answer.workerId)")
        return configuration.heartbeatIntervalMillis ?? answer.heartbeatIntervalMillis
    }

    private func sendHeartbeat() async throws {
        guard let workerId = lock.withLock({ workerId }) else { return }
        let client = JSONRPCClient(address: configuration.coordinatorAddress, timeoutSeconds: 10)
        let answer = try await client.call(CoordinatorProtocol.Method.heartbeat, CoordinatorProtocol.HeartbeatRequest(workerId: workerId),
                                           as: CoordinatorProtocol.HeartbeatAnswer.self)
        if !answer.isKnown {
            logger.warning("the coordinator no longer knows this worker; registering again")
            _ = try await register()
        }
    }

    // MARK: Requests

    private func respond(to request: Request) async -> Response {
        let path = request.uri.path
        do {
            if request.method == .get, path.hasPrefix("/shuffle/") {
                return try shuffleSegment(path: path.dropFirst("/shuffle/".count))
            }
            guard request.method == .post, path.hasPrefix("/rpc/") else {
                throw SluiceError(.userInput, "no such resource on a worker: \(request.method) \(path)", condition: .notFound)
            }
            switch String(path.dropFirst("/rpc/".count)) {
            case WorkerProtocol.Method.runTask:
                let description = try await ClusterHTTPAnswers.decode(WorkerProtocol.TaskDescription.self, from: request)
                return reportWhenDone(description)
            case WorkerProtocol.Method.endRun:
                let ending = try await ClusterHTTPAnswers.decode(WorkerProtocol.EndRunRequest.self, from: request)
                endRun(ending.runId)
                return ClusterHTTPAnswers.json(WorkerProtocol.Empty())
            default:
                throw SluiceError(.userInput, "unknown worker call \(path)", condition: .notFound)
            }
        } catch {
            return ClusterHTTPAnswers.error(error)
        }
    }

    /// `<runId>/<shuffleId>/<mapPartition>/<reducePartition>`: that map output's segments, concatenated.
    private func shuffleSegment(path: Substring) throws -> Response {
        let parts = path.split(separator: "/")
        guard parts.count == 4, let shuffleId = Int(parts[1]), let mapPartition = Int(parts[2]), let reducePartition = Int(parts[3]) else {
            throw SluiceError.userInput("expected /shuffle/RUN/SHUFFLE/MAP/REDUCE, got /shuffle/\(path)")
        }
        guard let environment = lock.withLock({ runs[String(parts[0])]?.environment }),
              let output = environment.shuffleOutputs.output(shuffleId: shuffleId, mapPartition: mapPartition),
              reducePartition >= 0, reducePartition < output.segmentsByPartition.count else {
            throw SluiceError(.io, "no output of map partition \(mapPartition) of shuffle \(shuffleId) in run \(parts[0]) here", condition: .notFound)
        }
        var bytes: [UInt8] = []
        for segment in output.segmentsByPartition[reducePartition] { bytes.append(contentsOf: try segment.loadBytes()) }
        return ClusterHTTPAnswers.bytes(bytes)
    }

    /// Answers a `runTask` call once the task ends, sending a space every few seconds meanwhile so
    /// that a long task does not look like a dead connection (JSON allows leading whitespace).
    private func reportWhenDone(_ description: WorkerProtocol.TaskDescription) -> Response {
        let body = ResponseBody { [self] writer in
            let (reports, continuation) = AsyncStream<WorkerProtocol.TaskReport?>.makeStream()
            let work = _Concurrency.Task {
                continuation.yield(await runTask(description))
                continuation.finish()
            }
            let ticker = _Concurrency.Task {
                while !_Concurrency.Task.isCancelled {
                    try? await _Concurrency.Task.sleep(nanoseconds: 5_000_000_000)
                    continuation.yield(nil)
                }
            }
            defer { ticker.cancel() }
            for await report in reports {
                guard let report else {
                    try await writer.write(ByteBuffer(string: " "))
                    continue
                }
                try await writer.write(ByteBuffer(bytes: try JSONEncoder().encode(report)))
                break
            }
            _ = work
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: body)
    }

    /// Rebuilds the task's DAG by running its job's code on a worker-role context and runs the task.
    func runTask(_ description: WorkerProtocol.TaskDescription) async -> WorkerProtocol.TaskReport {
        let job: JobDefinition
        let run: RunState
        do {
            job = try catalog.job(named: description.jobName)
            run = try runState(for: description)
        } catch {
            return .failure(TaskErrorText.describe(error))
        }
        let pass = await rebuildGate.enter()
        defer { pass.leave() }
        let backend = WorkerTaskBackend(description: description, environment: run.environment, pool: pool, onTargetReached: { pass.leave() })
        let context = DataflowContext(config: run.config, environment: run.environment, backend: backend)
        do {
            _ = try await job.run(context, JobArguments(values: description.arguments))
            return .failure("job \(job.name) ended without reaching stage \(description.stageId) (\(description.target)); "
                + "the job's code must build the same datasets and run the same actions on every process")
        } catch let unwind as WorkerTaskUnwind {
            return unwind.report
        } catch {
            return .failure("job \(job.name) failed on the worker before reaching its task: \(TaskErrorText.describe(error))")
        }
    }

    private func runState(for description: WorkerProtocol.TaskDescription) throws -> RunState {
        try lock.withLock {
            if let existing = runs[description.runId] { return existing }
            let coordinator = try Master(parsing: "sluice://\(configuration.coordinatorAddress)")
            let config = try description.settings.config(master: coordinator,
                                                         workDirectory: "\(configuration.workDirectory)/run-\(description.runId)")
            let fetcher = RemoteShuffleFetcher(runId: description.runId, selfAddress: { [weak self] in self?.address ?? "" })
            let environment = try ExecutionEnvironment(config: config, taskSlotCount: configuration.slotCount, fileSystems: fileSystems,
                                                       shuffleFetcher: fetcher, role: .worker)
            let state = RunState(config: config, environment: environment)
            runs[description.runId] = state
            return state
        }
    }

    private func endRun(_ runId: String) {
        let ended = lock.withLock { runs.removeValue(forKey: runId) }
        ended?.environment.removeWorkDirectory()
    }
}
