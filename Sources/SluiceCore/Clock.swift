#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where time comes from. Production code asks a `Clock` instead of calling the system, so
/// tests can inject a manual clock and never sleep.
public protocol WallClock: Sendable {
    /// Milliseconds since the Unix epoch.
    func nowMillis() -> Int64
}

/// The machine's real-time clock.
public struct SystemWallClock: WallClock {
    public init() {}

    public func nowMillis() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}

/// A clock that moves only when told to; for tests.
public final class ManualWallClock: WallClock, @unchecked Sendable {
    // Sendable: `millis` is guarded by `lock`.
    private let lock = Mutex()
    private var millis: Int64

    public init(startMillis: Int64 = 0) { millis = startMillis }

    public func nowMillis() -> Int64 { lock.withLock { millis } }

    public func advance(byMillis delta: Int64) { lock.withLock { millis += delta } }
}
