import SluiceCore

/// Decides whether the broker takes a request: at most `inFlightRequestsMax` at once over all
/// clients, and each client's request and produced-byte rates within its own token buckets (a
/// client is named by its `Sluice-Client-Id` header; clients without one share the buckets of
/// "anonymous"), as Kafka's quotas are per client.
///
/// Thread-safety: every method may be called from any task.
final class BrokerAdmission: @unchecked Sendable {
    // Sendable: the counts and the bucket table are guarded by `lock`; the buckets lock themselves.
    private let limits: BrokerLimits
    private let clock: any WallClock
    private let lock = Mutex()
    private var inFlight = 0
    private var rateLimited = 0
    private var overloaded = 0
    private var clientBuckets: [String: ClientBuckets] = [:]

    /// The client name of requests without a `Sluice-Client-Id`.
    static let anonymousClient = "anonymous"
    /// Clients with buckets kept at most; past it, the buckets of idle clients (full again) go.
    static let clientCountMax = 4_096

    private struct ClientBuckets {
        let requests: TokenBucket?
        let bytes: TokenBucket?
        var isIdle: Bool { (requests?.isFull ?? true) && (bytes?.isFull ?? true) }
    }

    init(limits: BrokerLimits, clock: any WallClock) {
        self.limits = limits
        self.clock = clock
    }

    private func buckets(of client: String) -> ClientBuckets {
        lock.withLock {
            if let known = clientBuckets[client] { return known }
            if clientBuckets.count >= Self.clientCountMax { clientBuckets = clientBuckets.filter { !$0.value.isIdle } }
            let made = ClientBuckets(
                requests: limits.requestsPerSecondMax.map { TokenBucket(ratePerSecond: $0, capacity: $0, clock: clock) },
                bytes: limits.producedBytesPerSecondMax.map {
                    TokenBucket(ratePerSecond: $0, capacity: max($0, limits.requestBytesMax), clock: clock)
                })
            clientBuckets[client] = made
            return made
        }
    }

    /// Admits one request of `client`, to be balanced by `finish()`.
    /// - Throws: `BrokerRefusal` 503 when too many are in flight, 429 when the client is over
    ///   its request rate.
    func begin(client: String) throws {
        let admitted = lock.withLock { () -> Bool in
            guard inFlight < limits.inFlightRequestsMax else {
                overloaded += 1
                return false
            }
            inFlight += 1
            return true
        }
        guard admitted else {
            throw BrokerRefusal(
                status: 503, message: "the broker is busy: \(limits.inFlightRequestsMax) requests in flight; retry shortly",
                retryAfterMillis: 1_000)
        }
        if let requestBucket = buckets(of: client).requests, let waitMillis = requestBucket.take(1) {
            finish()
            throw rateLimit("requests", client: client, limit: "\(Int(requestBucket.ratePerSecond)) requests/s", waitMillis: waitMillis)
        }
    }

    func finish() { lock.withLock { inFlight -= 1 } }

    /// Charges a produce body of `client` against its byte rate.
    /// - Throws: `BrokerRefusal` 429 when over it.
    func admitProduced(bytes: Int, client: String) throws {
        if let byteBucket = buckets(of: client).bytes, let waitMillis = byteBucket.take(bytes) {
            throw rateLimit("produced bytes", client: client, limit: "\(Int(byteBucket.ratePerSecond)) bytes/s", waitMillis: waitMillis)
        }
    }

    private func rateLimit(_ what: String, client: String, limit: String, waitMillis: Int64) -> BrokerRefusal {
        lock.withLock { rateLimited += 1 }
        return BrokerRefusal(
            status: 429, message: "rate limit of \(limit) per client exceeded for \(what) by client '\(client)'; retry in \(waitMillis) ms",
            retryAfterMillis: waitMillis)
    }

    func statistics(producedRecordCount: Int) -> BrokerStatistics {
        lock.withLock {
            BrokerStatistics(
                producedRecordCount: producedRecordCount, rateLimitedRequestCount: rateLimited, overloadedRequestCount: overloaded,
                inFlightRequestCount: inFlight)
        }
    }
}
