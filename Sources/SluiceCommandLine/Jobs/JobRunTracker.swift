import Dataflow
import SluiceCore

/// Follows a submitted job's scheduler events and keeps one `StageRun` per stage, for the progress
/// display while it runs and for the summary and history after.
///
/// Threading: `handle` is called from task threads and the scheduler at once; every access
/// takes the lock.
final class JobRunTracker: @unchecked Sendable {
    // Sendable: `stages` is guarded by `lock`.
    private let lock = Mutex()
    private var stages: [StageRun] = []

    /// The stages in the order they started.
    var snapshot: [StageRun] { lock.withLock { stages } }

    /// Subscribes to `context`'s scheduler.
    func follow(_ context: DataflowContext) {
        context.scheduler.addListener { [self] event in handle(event) }
    }

    func handle(_ event: JobEvent) {
        lock.withLock {
            switch event {
            case .stageStarted(let progress):
                // A stage started again (its parent's output was lost) starts its counts afresh.
                let stage = StageRun(stageId: progress.stageId, name: progress.name, kind: progress.kind.rawValue, taskCount: progress.taskCount)
                if let index = index(of: progress.stageId) { stages[index] = stage } else { stages.append(stage) }
            case .taskStarted(let stageId, _, _):
                guard let index = index(of: stageId) else { return }
                stages[index].tasksRunning += 1
            case .taskEnded(let stageId, _, _, let metrics, let failure):
                guard let index = index(of: stageId) else { return }
                stages[index].tasksRunning = max(0, stages[index].tasksRunning - 1)
                if failure == nil {
                    stages[index].tasksDone += 1
                    stages[index].add(metrics)
                }
            case .stageCompleted(let stageId, let elapsedMillis, let metrics):
                guard let index = index(of: stageId) else { return }
                var completed = StageRun(stageId: stageId, name: stages[index].name, kind: stages[index].kind,
                                         taskCount: stages[index].taskCount)
                completed.tasksDone = completed.taskCount
                completed.elapsedMillis = elapsedMillis
                completed.add(metrics)
                stages[index] = completed
            case .jobStarted, .jobEnded:
                break
            }
        }
    }

    private func index(of stageId: Int) -> Int? {
        stages.lastIndex { $0.stageId == stageId }
    }
}
