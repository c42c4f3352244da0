import SluiceCore

/// A token bucket: `ratePerSecond` tokens accrue per second up to `capacity`; a request takes
/// what it costs or is refused with the time until it could pass.
///
/// Thread-safety: every method may be called from any thread.
final class TokenBucket: @unchecked Sendable {
    // Sendable: `tokens` and `lastRefillMillis` are guarded by `lock`.
    let ratePerSecond: Double
    let capacity: Double
    private let clock: any WallClock
    private let lock = Mutex()
    private var tokens: Double
    private var lastRefillMillis: Int64

    init(ratePerSecond: Int, capacity: Int, clock: any WallClock) {
        self.ratePerSecond = Double(max(ratePerSecond, 1))
        self.capacity = Double(max(capacity, 1))
        self.clock = clock
        tokens = self.capacity
        lastRefillMillis = clock.nowMillis()
    }

    /// Whether the bucket has refilled to its capacity (a client idle that long is as good as new).
    var isFull: Bool {
        lock.withLock {
            let now = clock.nowMillis()
            return tokens + Double(max(now - lastRefillMillis, 0)) * ratePerSecond / 1000 >= capacity
        }
    }

    /// Takes `cost` tokens when there are enough.
    /// - Returns: nil when taken, else the milliseconds until enough would have accrued.
    func take(_ cost: Int) -> Int64? {
        lock.withLock {
            let now = clock.nowMillis()
            if now > lastRefillMillis {
                tokens = min(capacity, tokens + Double(now - lastRefillMillis) * ratePerSecond / 1000)
                lastRefillMillis = now
            }
            // A cost above the capacity could never pass; it passes when the bucket is full.
            let needed = min(Double(cost), capacity)
            if tokens >= needed {
                tokens -= Double(cost)
                return nil
            }
            return Int64(((needed - tokens) * 1000 / ratePerSecond).rounded(.up))
        }
    }
}
