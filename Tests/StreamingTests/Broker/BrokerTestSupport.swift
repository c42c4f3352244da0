import Cluster
import Foundation
import NIOHTTP1
import SluiceCore
@testable import Streaming

/// A broker on port 0 over a topic store in a fresh folder, for one test; `stop()` it at the
/// end (which removes the folder).
struct RunningBroker {
    let server: BrokerServer
    let log: TopicStore
    let directory: TemporaryLogDirectory

    static func start(
        limits: BrokerLimits = BrokerLimits(), clock: any WallClock = SystemWallClock(), fetchPollIntervalMillis: Int = 50
    ) async throws -> RunningBroker {
        let directory = TemporaryLogDirectory()
        let log = try TopicStore(directory: directory.path, configuration: TopicStoreConfiguration(clock: clock))
        let configuration = BrokerConfiguration(host: "127.0.0.1", port: 0, limits: limits, fetchPollIntervalMillis: fetchPollIntervalMillis)
        let server = BrokerServer(log: log, configuration: configuration, clock: clock)
        try await server.start()
        return RunningBroker(server: server, log: log, directory: directory)
    }

    var address: String { server.address }

    func client(retryPolicy: RetryPolicy = RetryPolicy(attemptCountMax: 1)) -> BrokerClient {
        BrokerClient(address: address, retryPolicy: retryPolicy, timeoutSeconds: 10)
    }

    /// One raw HTTP exchange, whatever the answer's status.
    func send(
        _ method: HTTPMethod, _ pathAndQuery: String, body: [UInt8]? = nil, contentType: String? = nil, accept: String? = nil,
        clientId: String? = nil
    ) async throws -> BrokerExchange.Answer {
        try await BrokerExchange.send(
            method: method, url: "http://\(address)\(pathAndQuery)", body: body, contentType: contentType, accept: accept,
            timeoutSeconds: 10, answerBytesMax: 64 << 20, clientId: clientId)
    }

    func stop() async {
        await server.stop()
        log.close()
        directory.remove()
    }
}

extension BrokerExchange.Answer {
    var text: String { String(decoding: body, as: UTF8.self) }

    func errorAnswer() throws -> BrokerWire.ErrorAnswer {
        try JSONDecoder().decode(BrokerWire.ErrorAnswer.self, from: Data(body))
    }

    func header(_ name: String) -> String? { headers.first(name: name) }
}

/// Runs blocking code (the `BrokerClient`'s calls) on a thread of its own, never on the
/// cooperative threads the server's tasks need.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.start()
    }
}

/// Catches the `SluiceError` a blocking call throws.
func sluiceError(_ body: @escaping @Sendable () throws -> Void) async -> SluiceError? {
    do {
        try await onThread(body)
        return nil
    } catch let error as SluiceError {
        return error
    } catch {
        return SluiceError.internal("unexpected \(error)")
    }
}
