import Foundation
import SluiceCore

/// One submitted job on the coordinator: what workers need to rebuild its DAG, the results of its
/// finished actions (shipped to workers), its events for the submitter, and how it ended.
///
/// Threading: every method may be called from any thread or task; state is guarded by `lock`.
final class ClusterJobRun: @unchecked Sendable {
    // Sendable: mutable state is guarded by `lock`; the rest is immutable.
    let runId: String
    let job: JobDefinition
    let arguments: JobArguments
    let settings: JobSettings
    private let lock = Mutex()
    private var events: [JobEventWire] = []
    private var outcome: CoordinatorProtocol.RunOutcome?
    private var resultsByJob: [Int: WorkerProtocol.EncodedJobResults] = [:]
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(runId: String, job: JobDefinition, arguments: JobArguments, settings: JobSettings) {
        self.runId = runId
        self.job = job
        self.arguments = arguments
        self.settings = settings
    }

    func record(_ event: JobEvent) {
        let toWake = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            events.append(JobEventWire(event))
            defer { waiters.removeAll() }
            return waiters
        }
        for waiter in toWake { waiter.resume() }
    }

    func finish(_ ending: CoordinatorProtocol.RunOutcome) {
        let toWake = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            outcome = ending
            defer { waiters.removeAll() }
            return waiters
        }
        for waiter in toWake { waiter.resume() }
    }

    var isFinished: Bool { lock.withLock { outcome != nil } }

    /// Keeps the results of a finished action for workers that rebuild the DAG past it.
    func recordResults(jobId: Int, _ results: WorkerProtocol.EncodedJobResults) {
        lock.withLock { resultsByJob[jobId] = results }
    }

    /// The results of actions before `jobId`.
    func results(before jobId: Int) -> [Int: WorkerProtocol.EncodedJobResults] {
        lock.withLock { resultsByJob.filter { $0.key < jobId } }
    }

    /// Events after `sequence` (1-based), waiting up to `waitMillis` for one when there are none
    /// yet and the run has not ended.
    func events(after sequence: Int, waitMillis: Int) async -> CoordinatorProtocol.RunEventsAnswer {
        if let answer = answerIfReady(after: sequence) { return answer }
        let timer = _Concurrency.Task {
            try? await _Concurrency.Task.sleep(nanoseconds: UInt64(waitMillis) * 1_000_000)
            self.wakeAll()
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = lock.withLock { () -> Bool in
                if events.count > sequence || outcome != nil { return true }
                waiters.append(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
        timer.cancel()
        return answerIfReady(after: sequence) ?? CoordinatorProtocol.RunEventsAnswer(events: [], lastSequence: sequence, outcome: nil)
    }

    private func answerIfReady(after sequence: Int) -> CoordinatorProtocol.RunEventsAnswer? {
        lock.withLock {
            guard events.count > sequence || outcome != nil else { return nil }
            let fresh = Array(events[min(sequence, events.count)...].prefix(1000))
            let last = min(sequence, events.count) + fresh.count
            return CoordinatorProtocol.RunEventsAnswer(events: fresh, lastSequence: last, outcome: last == events.count ? outcome : nil)
        }
    }

    private func wakeAll() {
        let toWake = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            defer { waiters.removeAll() }
            return waiters
        }
        for waiter in toWake { waiter.resume() }
    }
}
