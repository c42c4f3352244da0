import SluiceCore

/// Safemode after start-up: the namespace is read-only until enough blocks have a reported
/// replica, and then for the extension period; no replication work is scheduled meanwhile.
///
/// Thread-safety: guarded by a mutex; call from any task.
public final class SafeModeGate: @unchecked Sendable {
    // Sendable: `thresholdMetAtMillis` and `isOn` are guarded by `lock`.
    private let lock = Mutex()
    private let clock: any WallClock
    private let extensionMillis: Int64
    private var thresholdMetAtMillis: Int64?
    private var isOn = true

    public init(clock: any WallClock, extensionMillis: Int64) {
        self.clock = clock
        self.extensionMillis = extensionMillis
    }

    public var isInSafeMode: Bool { lock.withLock { isOn } }

    /// Re-evaluates with the block manager's latest counts; safemode never comes back on.
    public func update(_ status: SafeModeStatus) {
        let now = clock.nowMillis()
        lock.withLock {
            guard isOn else { return }
            guard status.thresholdMet else {
                thresholdMetAtMillis = nil
                return
            }
            // An empty namespace has nothing to wait for.
            if status.totalBlocks == 0 {
                isOn = false
                return
            }
            let metAt = thresholdMetAtMillis ?? now
            thresholdMetAtMillis = metAt
            if now - metAt >= extensionMillis { isOn = false }
        }
    }

    /// Throws HDFS's `SafeModeException` for a change attempted during safemode.
    public func checkWritable(_ what: String) throws {
        if isInSafeMode {
            throw BlockStoreError(.safeMode, "Cannot \(what). Name node is in safe mode.")
        }
    }
}
