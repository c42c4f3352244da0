import SluiceCore

/// Bytes of memory the tasks of one process may hold in shuffle output kept in memory. A task
/// that cannot reserve what it needs writes to disk instead.
public final class MemoryBudget: @unchecked Sendable {
    // Sendable: `usedBytes` is guarded by `lock`.
    public let limitBytes: Int
    private let lock = Mutex()
    private var usedBytes = 0

    public init(limitBytes: Int) {
        self.limitBytes = limitBytes
    }

    /// Reserves `byteCount` if it fits under the limit.
    public func tryReserve(_ byteCount: Int) -> Bool {
        lock.withLock {
            guard usedBytes + byteCount <= limitBytes else { return false }
            usedBytes += byteCount
            return true
        }
    }

    public func release(_ byteCount: Int) {
        lock.withLock { usedBytes = max(0, usedBytes - byteCount) }
    }

    public var reservedBytes: Int { lock.withLock { usedBytes } }
}
