import SluiceCore

/// Decides whether the broker takes a request: at most `inFlightRequestsMax` at once, and the
/// request and produced-byte rates within their token buckets. The limits are the broker's,
/// shared by all clients.
///
/// Thread-safety: every method may be called from any task.
final class BrokerAdmission: @unchecked Sendable {
    // Sendable: the counts are guarded by `lock`; the buckets lock themselves.
    private let limits: BrokerLimits
    private let requestBucket: TokenBucket?
    private let byteBucket: TokenBucket?
    private let lock = Mutex()
    private var inFlight = 0
    private var rateLimited = 0
    private var overloaded = 0

    init(limits: BrokerLimits, clock: any WallClock) {
        self.limits = limits
        requestBucket = limits.requestsPerSecondMax.map { TokenBucket(ratePerSecond: $0, capacity: $0, clock: clock) }
        byteBucket = limits.producedBytesPerSecondMax.map {
            TokenBucket(ratePerSecond: $0, capacity: max($0, limits.requestBytesMax), clock: clock)
        }
    }

    /// Admits one request, to be balanced by `finish()`.
    /// - Throws: `BrokerRefusal` 503 when too many are in flight, 429 when over the request rate.
    func begin() throws {
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
                retryAfterSeconds: 1)
        }
        if let requestBucket, let waitMillis = requestBucket.take(1) {
            finish()
            throw rateLimit("requests", limit: "\(Int(requestBucket.ratePerSecond)) requests/s", waitMillis: waitMillis)
        }
    }

    func finish() { lock.withLock { inFlight -= 1 } }

    /// Charges a produce body against the byte rate.
    /// - Throws: `BrokerRefusal` 429 when over it.
    func admitProduced(bytes: Int) throws {
        if let byteBucket, let waitMillis = byteBucket.take(bytes) {
            throw rateLimit("produced bytes", limit: "\(Int(byteBucket.ratePerSecond)) bytes/s", waitMillis: waitMillis)
        }
    }

    private func rateLimit(_ what: String, limit: String, waitMillis: Int64) -> BrokerRefusal {
        lock.withLock { rateLimited += 1 }
        return BrokerRefusal(
            status: 429, message: "rate limit of \(limit) exceeded for \(what); retry in \(waitMillis) ms",
            retryAfterSeconds: Int((waitMillis + 999) / 1000))
    }

    func statistics(producedRecordCount: Int) -> BrokerStatistics {
        lock.withLock {
            BrokerStatistics(
                producedRecordCount: producedRecordCount, rateLimitedRequestCount: rateLimited, overloadedRequestCount: overloaded,
                inFlightRequestCount: inFlight)
        }
    }
}
