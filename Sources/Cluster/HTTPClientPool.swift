import AsyncHTTPClient
import NIOCore

/// The process's one HTTP client: pooled keep-alive connections, redirects not followed (the
/// block store handles WebHDFS's 307 itself), generous read timeouts for streamed block bodies,
/// no retrying of refused connections.
public enum HTTPClientPool {
    public static let shared: HTTPClient = {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(5), read: .seconds(120)),
            decompression: .disabled
        )
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        // A refused connection fails the call at once: callers fail over to another replica or
        // pipeline themselves, and waiting out the connect timeout on a dead node stalls them.
        configuration.connectionPool.retryConnectionEstablishment = false
        // No tracer is bootstrapped; without one set, each request still pays for a span.
        configuration.tracing.tracer = nil
        configuration.httpVersion = .http1Only
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()
}
