import SluiceCore

/// The coordinator's view of its workers: who is alive, their free task slots, and when each last
/// heartbeat came. Task set runs take slots from it and wait on it when none is free.
///
/// Threading: every method may be called from any thread or task; state is guarded by `lock`.
final class WorkerRegistry: @unchecked Sendable {
    // Sendable: all mutable state is guarded by `lock`.
    struct Worker: Sendable {
        let id: String
        let host: String
        let address: String
        let slotCount: Int
        var usedSlotCount = 0
        var lastHeartbeatMillis: Int64
        /// Slots handed out on this worker so far (task attempts started).
        var startedTaskCount = 0
        /// Of those, attempts of tasks that preferred some hosts (their input's blocks)...
        var startedPreferringTaskCount = 0
        /// ...and of those, attempts that ran on one of their preferred hosts.
        var startedDataLocalTaskCount = 0
    }

    /// A slot taken on a worker; give it back with `release`.
    struct Slot: Sendable {
        let workerId: String
        let address: String
    }

    private let lock = Mutex()
    private let clock: any WallClock
    private var workers: [String: Worker] = [:]
    private var nextWorkerNumber = 0
    /// Bumped whenever a slot may have become free or a worker came or went.
    private var generation = 0
    private var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var cancelledWaiters = Set<Int>()
    private var nextWaiterNumber = 0
    private var lostListeners: [@Sendable (String) -> Void] = []

    init(clock: any WallClock) {
        self.clock = clock
    }

    /// Adds a worker and returns its new id.
    func register(host: String, port: Int, slotCount: Int) -> String {
        let (id, toWake) = lock.withLock { () -> (String, [CheckedContinuation<Void, Never>]) in
            nextWorkerNumber += 1
            let id = "worker-\(nextWorkerNumber)-\(host):\(port)"
            workers[id] = Worker(id: id, host: host, address: "\(host):\(port)", slotCount: max(1, slotCount),
                                 lastHeartbeatMillis: clock.nowMillis())
            return (id, takeWaiters())
        }
        for waiter in toWake { waiter.resume() }
        return id
    }

    /// Records a heartbeat; false when the worker is not (or no longer) known.
    func heartbeat(workerId: String) -> Bool {
        lock.withLock {
            guard workers[workerId] != nil else { return false }
            workers[workerId]!.lastHeartbeatMillis = clock.nowMillis()
            return true
        }
    }

    /// Calls `listener` with a worker's id when it is declared lost.
    func onWorkerLost(_ listener: @escaping @Sendable (String) -> Void) {
        lock.withLock { lostListeners.append(listener) }
    }

    /// Forgets a worker (it stopped heartbeating or refused a call); its map output is gone with it.
    func markLost(workerId: String) {
        let (lost, listeners, toWake) = lock.withLock { () -> (Worker?, [@Sendable (String) -> Void], [CheckedContinuation<Void, Never>]) in
            let lost = workers.removeValue(forKey: workerId)
            return (lost, lostListeners, lost == nil ? [] : takeWaiters())
        }
        for waiter in toWake { waiter.resume() }
        if let lost { for listener in listeners { listener(lost.id) } }
    }

    /// Declares lost every worker silent for longer than `timeoutMillis`; returns their ids.
    @discardableResult
    func expireSilentWorkers(timeoutMillis: Int64) -> [String] {
        let now = clock.nowMillis()
        let silent = lock.withLock { workers.values.filter { now - $0.lastHeartbeatMillis > timeoutMillis }.map(\.id) }
        for id in silent { markLost(workerId: id) }
        return silent
    }

    var liveWorkers: [Worker] {
        lock.withLock { workers.values.sorted { $0.id < $1.id } }
    }

    func isAlive(workerId: String) -> Bool {
        lock.withLock { workers[workerId] != nil }
    }

    /// Takes a free slot: on a worker whose host is in `preferredHosts` when one is free, else on
    /// a worker not in `avoiding` (where the task already failed), else anywhere.
    ///
    /// - Returns: the slot, or nil with the generation to wait past when every slot is busy.
    func tryAcquire(preferredHosts: [String], avoiding: Set<String>, preferredOnly: Bool = false) -> (slot: Slot?, generation: Int) {
        lock.withLock {
            let free = workers.values.filter { $0.usedSlotCount < $0.slotCount }.sorted { lhs, rhs in
                // Least loaded first spreads a stage's tasks over the workers.
                lhs.usedSlotCount != rhs.usedSlotCount ? lhs.usedSlotCount < rhs.usedSlotCount : lhs.id < rhs.id
            }
            let local = free.first { preferredHosts.contains($0.host) && !avoiding.contains($0.id) }
            let chosen = preferredOnly ? local : local ?? free.first { !avoiding.contains($0.id) } ?? free.first
            guard let chosen else { return (nil, generation) }
            workers[chosen.id]!.usedSlotCount += 1
            workers[chosen.id]!.startedTaskCount += 1
            if !preferredHosts.isEmpty {
                workers[chosen.id]!.startedPreferringTaskCount += 1
                if preferredHosts.contains(chosen.host) { workers[chosen.id]!.startedDataLocalTaskCount += 1 }
            }
            return (Slot(workerId: chosen.id, address: chosen.address), generation)
        }
    }

    /// Whether a live worker (not in `avoiding`) runs on one of `hosts`: only then is waiting for
    /// a slot there worth it.
    func hasWorker(onAnyOf hosts: [String], avoiding: Set<String>) -> Bool {
        lock.withLock { workers.values.contains { hosts.contains($0.host) && !avoiding.contains($0.id) } }
    }

    /// Gives a slot back (nothing happens when the worker was lost meanwhile).
    func release(_ slot: Slot) {
        let toWake = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            if workers[slot.workerId] != nil { workers[slot.workerId]!.usedSlotCount -= 1 }
            return takeWaiters()
        }
        for waiter in toWake { waiter.resume() }
    }

    /// Returns once the registry changed after `generation` (a slot freed, a worker came or
    /// went), or the calling task is cancelled.
    func waitForChange(after generation: Int) async {
        let number = lock.withLock { () -> Int in
            nextWaiterNumber += 1
            return nextWaiterNumber
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = lock.withLock { () -> Bool in
                    if self.generation != generation || cancelledWaiters.remove(number) != nil { return true }
                    waiters[number] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiting = lock.withLock { () -> CheckedContinuation<Void, Never>? in
                if let waiting = waiters.removeValue(forKey: number) { return waiting }
                cancelledWaiters.insert(number)
                return nil
            }
            waiting?.resume()
        }
    }

    /// Bumps the generation and hands out the waiters to resume; call with `lock` held.
    private func takeWaiters() -> [CheckedContinuation<Void, Never>] {
        generation += 1
        let taken = Array(waiters.values)
        waiters.removeAll()
        return taken
    }
}
