import SluiceCore

/// Wakes fetches that wait for records (long polls) when a produce through the broker stored
/// some. Waiters re-read the store after waking; a wake-up says only "something changed".
///
/// Thread-safety: every method may be called from any task.
final class RecordArrivalNotifier: @unchecked Sendable {
    // Sendable: `generation`, `waiters` and `nextWaiterID` are guarded by `lock`.
    private let lock = Mutex()
    private var generation: UInt64 = 0
    private var nextWaiterID: UInt64 = 0
    private var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]

    /// The count of notifications so far; read it before looking at the store, then wait after it.
    var currentGeneration: UInt64 { lock.withLock { generation } }

    /// Wakes every waiter.
    func notifyAll() {
        let woken = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            generation &+= 1
            defer { waiters.removeAll(keepingCapacity: true) }
            return Array(waiters.values)
        }
        for waiter in woken { waiter.resume() }
    }

    /// Returns once a notification after `seenGeneration` came (at once when one already did),
    /// or after `timeoutMillis`.
    func wait(after seenGeneration: UInt64, timeoutMillis: Int) async {
        guard timeoutMillis > 0 else { return }
        let id = lock.withLock { () -> UInt64 in
            nextWaiterID &+= 1
            return nextWaiterID
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let registered = lock.withLock { () -> Bool in
                guard generation == seenGeneration else { return false }
                waiters[id] = continuation
                return true
            }
            guard registered else {
                continuation.resume()
                return
            }
            Task { [self] in
                try? await Task.sleep(nanoseconds: UInt64(timeoutMillis) * 1_000_000)
                resume(id)
            }
        }
    }

    private func resume(_ id: UInt64) {
        let waiter = lock.withLock { waiters.removeValue(forKey: id) }
        waiter?.resume()
    }
}
