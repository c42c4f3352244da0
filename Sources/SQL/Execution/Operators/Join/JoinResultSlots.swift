import SluiceCore

/// Results that parallel workers fill in by index, plus a shared counter they claim work from.
///
/// Threading: every method takes the lock; safe from any thread.
final class JoinResultSlots<Element>: @unchecked Sendable {
    private let lock = Mutex()
    private var slots: [Element?]
    private var claimed = 0

    init(count: Int) {
        slots = [Element?](repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Element) {
        lock.withLock { slots[index] = value }
    }

    /// The next unclaimed index below `limit`, or nil when all are claimed.
    func claimNext(limit: Int) -> Int? {
        lock.withLock {
            guard claimed < limit else { return nil }
            defer { claimed += 1 }
            return claimed
        }
    }

    /// Every slot's value.
    /// - Precondition: every slot was set.
    var values: [Element] {
        lock.withLock { slots.map { $0! } }
    }
}
