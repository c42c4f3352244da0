import SluiceCore

/// Keeps a scan at or under a byte rate: before each piece it asks the clock how far ahead of
/// schedule the bytes so far are and sleeps that long through the injected sleep function (so
/// tests advance a manual clock instead of sleeping).
///
/// Threading: a value type owned by one scan.
struct ScanRateLimiter {
    let bytesPerSecondMax: Int
    let clock: any WallClock
    let sleepMillis: @Sendable (Int64) -> Void
    private var startMillis: Int64?
    private var bytesSoFar: Int64 = 0

    init(bytesPerSecondMax: Int, clock: any WallClock, sleepMillis: @escaping @Sendable (Int64) -> Void) {
        precondition(bytesPerSecondMax > 0, "a scan rate must be positive")
        self.bytesPerSecondMax = bytesPerSecondMax
        self.clock = clock
        self.sleepMillis = sleepMillis
    }

    /// Waits until `byteCount` more bytes may be read, then counts them.
    mutating func admit(byteCount: Int) {
        let now = clock.nowMillis()
        let start = startMillis ?? now
        startMillis = start
        let dueMillis = start + bytesSoFar * 1000 / Int64(bytesPerSecondMax)
        if dueMillis > now { sleepMillis(dueMillis - now) }
        bytesSoFar += Int64(byteCount)
    }
}
