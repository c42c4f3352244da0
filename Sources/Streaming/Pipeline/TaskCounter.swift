import Dataflow
import SluiceCore

/// Counts the tasks a job finished from its events, which may come from any thread.
final class TaskCounter: @unchecked Sendable {
    // Sendable: `finished` is guarded by `lock`.
    private let lock = Mutex()
    private var finished = 0

    func count(_ event: JobEvent) {
        if case .taskEnded(_, _, _, _, let failure) = event, failure == nil { lock.withLock { finished += 1 } }
    }

    var value: Int { lock.withLock { finished } }
}
