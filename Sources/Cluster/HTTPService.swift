import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SluiceCore

/// One HTTP server of a cluster role (namenode, datanode, broker, worker), on Hummingbird.
///
/// The role hands in one function that answers every request; `start()` binds (port 0 picks a
/// free port, as tests do) and returns once the server listens, `stop()` shuts it down.
/// Thread-safety: `start` and `stop` may be called from any task; each once.
public final class HTTPService: @unchecked Sendable {
    // Sendable: `runTask` and `boundPort` are guarded by `lock`.
    public typealias Handler = @Sendable (Request, BasicRequestContext) async throws -> Response

    private let host: String
    private let requestedPort: Int
    private let handler: Handler
    private let logger: Logger
    private let lock = Mutex()
    private var runTask: Task<Void, any Error>?
    private var serviceGroup: ServiceGroup?
    private var boundPort: Int?

    /// - Parameters:
    ///   - host: the address to bind, e.g. `127.0.0.1` or `0.0.0.0`.
    ///   - port: the port to bind; 0 asks the system for a free one.
    public init(host: String, port: Int, logger: Logger, handler: @escaping Handler) {
        self.host = host
        self.requestedPort = port
        self.handler = handler
        self.logger = logger
    }

    /// The port the server listens on, once `start()` returned.
    public var port: Int { lock.withLock { boundPort ?? requestedPort } }

    /// Binds and starts serving in the background.
    /// - Returns: the bound port.
    /// - Throws: `SluiceError` (I/O) when the address cannot be bound.
    @discardableResult
    public func start() async throws -> Int {
        let (portStream, portContinuation) = AsyncStream<Int?>.makeStream()
        let responder = CallbackResponder<BasicRequestContext>(callback: handler)
        let application = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(host, port: requestedPort), serverName: "Sluice"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port)
                portContinuation.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        lock.withLock { serviceGroup = group }
        let task = Task {
            do {
                try await group.run()
            } catch {
                portContinuation.finish()
                throw error
            }
        }
        lock.withLock { runTask = task }
        var iterator = portStream.makeAsyncIterator()
        guard let bound = await iterator.next(), let port = bound else {
            let failure = await task.result
            if case .failure(let error) = failure {
                throw SluiceError.io("cannot serve HTTP on \(host):\(requestedPort): \(error)")
            }
            throw SluiceError.io("cannot serve HTTP on \(host):\(requestedPort)")
        }
        lock.withLock { boundPort = port }
        return port
    }

    /// Waits until the server stops (a signal or `stop()`).
    public func waitUntilStopped() async {
        let task = lock.withLock { runTask }
        _ = await task?.result
    }

    /// Stops accepting connections, lets requests in flight finish (two seconds at most), and
    /// ends the server.
    public func stop() async {
        let (task, group) = lock.withLock { (runTask, serviceGroup) }
        await group?.triggerGracefulShutdown()
        let deadline = Task {
            try await Task.sleep(nanoseconds: 2_000_000_000)
            task?.cancel()
        }
        _ = await task?.result
        deadline.cancel()
    }
}
