import Cluster
import Logging
import Metrics
import NIOPosix
import SluiceCore

/// Serves a `TopicLog` over HTTP: the broker of `sluice broker` and `sluice cluster start`.
///
/// Routes (JSON unless said; errors are `{"error": message}` with 400 bad request, 404 unknown
/// topic or route, 409 topic exists, 413 body over `requestBytesMax`, 429 over the rate limit
/// with `Retry-After`, 503 over `inFlightRequestsMax` with `Retry-After`, 500 store failure):
/// - `POST /topics` `{name, partitions, retentionMillis?, retentionBytesPerPartitionMax?,
///   segmentBytesMax?}` → 201 and the topic's description.
/// - `GET /topics` → `{"topics": [names]}`; `GET /topics/{name}` → the topic's description;
///   `DELETE /topics/{name}` → 204 once the topic and its group offsets are gone.
/// - `POST /topics/{name}/records`: body JSON lines (`application/x-ndjson`, see
///   `BrokerJSONLines`) or binary (`application/x-sluice-records`, see `BrokerRecordCodec`) →
///   `{"positions": [{partition, offset}]}`, sent only after the store's append returned.
/// - `GET /topics/{name}/partitions/{p}/records?offset=N|timestamp=MS&maxBytes=B&waitMillis=W`
///   → records as JSON lines, or binary when `Accept` names `application/x-sluice-records`;
///   headers `Sluice-Next-Offset`, `Sluice-Partition-Start-Offset`, `Sluice-Partition-End-Offset`.
///   With `waitMillis`, an empty answer waits up to W ms for a record to arrive.
/// - `POST /groups/{group}/offsets` `{topic, offsets: {"partition": offset}}` → 204;
///   `GET /groups/{group}/offsets?topic=T` → `{topic, offsets}`.
/// - `GET /metrics` → Prometheus text.
///
/// Store calls run on NIO's blocking thread pool, off the cooperative threads.
/// Thread-safety: `start` and `stop` may be called from any task; each once.
public final class BrokerServer: @unchecked Sendable {
    // Sendable: `service` and `maintenanceTask` are set in start/stop under `lock`.
    public let configuration: BrokerConfiguration
    let log: any TopicLog
    let clock: any WallClock
    let logger = Logger(label: "sluice.broker")
    let notifier = RecordArrivalNotifier()
    let admission: BrokerAdmission
    let metrics: BrokerMetrics
    private let maintenance: (@Sendable () throws -> Void)?
    private let lock = Mutex()
    private var service: HTTPService?
    private var maintenanceTask: Task<Void, Never>?

    /// - Parameters:
    ///   - log: the topics served.
    ///   - clock: the time of records produced without one, and of the rate limits.
    ///   - maintenance: work run every `maintenanceIntervalMillis` (retention of the store);
    ///     a failure is logged and the next round runs anyway.
    public init(
        log: any TopicLog, configuration: BrokerConfiguration = BrokerConfiguration(), clock: any WallClock = SystemWallClock(),
        maintenance: (@Sendable () throws -> Void)? = nil
    ) {
        self.log = log
        self.configuration = configuration
        self.clock = clock
        self.maintenance = maintenance
        admission = BrokerAdmission(limits: configuration.limits, clock: clock)
        metrics = BrokerMetrics()
    }

    /// `HOST:PORT` clients reach the broker at, once started.
    public var address: String { "\(configuration.host):\(port)" }

    /// The port listened on, once started.
    public var port: Int { lock.withLock { service?.port } ?? configuration.port }

    /// Binds and starts serving (and the maintenance task, when there is maintenance work).
    /// - Returns: the bound port.
    /// - Throws: `SluiceError` (I/O) when the address cannot be bound.
    @discardableResult
    public func start() async throws -> Int {
        let handler = BrokerRequestHandler(server: self)
        let service = HTTPService(host: configuration.bindHost, port: configuration.port, logger: logger) { request, _ in
            await handler.respond(to: request)
        }
        let port = try await service.start()
        lock.withLock { self.service = service }
        if let maintenance {
            let task = PeriodicTask.start(intervalMillis: configuration.maintenanceIntervalMillis, onFailure: { [logger] error in
                logger.warning("broker maintenance failed: \(error)")
            }) {
                // Retention deletes files: off the cooperative threads, like every store call.
                try await NIOThreadPool.singleton.runIfActive(maintenance)
            }
            lock.withLock { maintenanceTask = task }
        }
        logger.info("broker serving on \(configuration.host):\(port)")
        return port
    }

    /// Waits until the server stops (a signal or `stop()`).
    public func waitUntilStopped() async {
        await lock.withLock { service }?.waitUntilStopped()
    }

    /// Stops accepting requests, lets those in flight finish, and stops the maintenance task.
    public func stop() async {
        let (task, service) = lock.withLock { (maintenanceTask, self.service) }
        task?.cancel()
        await service?.stop()
    }

    /// Counts of what the broker did and refused since it started.
    public var statistics: BrokerStatistics { admission.statistics(producedRecordCount: metrics.producedRecordCount) }
}
