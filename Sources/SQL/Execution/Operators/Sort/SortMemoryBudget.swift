import SluiceCore

/// The bytes all threads of one sort hold in memory, against the query's memory limit.
///
/// Threading: safe from any thread.
final class SortMemoryBudget: @unchecked Sendable {
    let limitBytes: Int
    private let lock = Mutex()
    private var heldBytes = 0

    init(limitBytes: Int) {
        self.limitBytes = limitBytes
    }

    /// Counts `bytes` more as held; returns whether the total is now over the limit.
    func add(_ bytes: Int) -> Bool {
        lock.withLock {
            heldBytes += bytes
            return heldBytes > limitBytes
        }
    }

    /// Counts `bytes` as no longer held (written to disk).
    func release(_ bytes: Int) {
        lock.withLock { heldBytes -= bytes }
    }
}
