import Foundation
import SluiceCore

/// The task backend of a worker-role context: the worker runs the job's code to rebuild its DAG,
/// and this backend, instead of running task sets, answers each from what the coordinator sent.
/// Map stages before the target are reported done (their output is on the cluster), earlier
/// actions get their recorded results, and the target stage runs just the one task on a slot
/// thread, whose report then unwinds the job's code as a `WorkerTaskUnwind` error.
///
/// Threading: the DAG scheduler may call `run` for independent stages at once.
final class WorkerTaskBackend: TaskBackend, @unchecked Sendable {
    // Sendable: immutable; the environment and pool guard themselves.
    private let description: WorkerProtocol.TaskDescription
    private let environment: ExecutionEnvironment
    private let pool: TaskThreadPool
    private let onTargetReached: @Sendable () -> Void

    init(description: WorkerProtocol.TaskDescription, environment: ExecutionEnvironment, pool: TaskThreadPool,
         onTargetReached: @escaping @Sendable () -> Void) {
        self.description = description
        self.environment = environment
        self.pool = pool
        self.onTargetReached = onTargetReached
    }

    var slotCount: Int { pool.threadCount }

    func shutdown() {}

    func run(_ taskSet: TaskSet, attemptsMax: Int, listener: @escaping @Sendable (JobEvent) -> Void) async throws -> [TaskOutcome] {
        if isTarget(taskSet) {
            onTargetReached()
            guard let task = taskSet.tasks.first(where: { $0.partition == description.partition }) else {
                throw WorkerTaskUnwind(report: .failure("stage \(description.stageId) has no partition \(description.partition) on this worker; "
                    + "the job's code must build the same datasets on every process"))
            }
            let report = await withCheckedContinuation { (continuation: CheckedContinuation<WorkerProtocol.TaskReport, Never>) in
                pool.submit { [self] in continuation.resume(returning: execute(task, codec: taskSet.resultCodec)) }
            }
            throw WorkerTaskUnwind(report: report)
        }
        if taskSet.shuffleId != nil {
            // An earlier map stage: its output is on the cluster, where the task's locations say.
            return taskSet.tasks.map { TaskOutcome(partition: $0.partition, result: TaskResultBox([Int]()), location: "cluster", metrics: TaskMetrics()) }
        }
        return try recordedResults(of: taskSet)
    }

    private func isTarget(_ taskSet: TaskSet) -> Bool {
        switch description.target {
        case .shuffleMap(let shuffleId): taskSet.shuffleId == shuffleId
        case .result(let jobId): taskSet.shuffleId == nil && taskSet.jobId == jobId
        }
    }

    /// The results of an action before the target, as the coordinator recorded them.
    private func recordedResults(of taskSet: TaskSet) throws -> [TaskOutcome] {
        guard let recorded = description.earlierResults[taskSet.jobId] else {
            throw WorkerTaskUnwind(report: .failure("the job's code ran action \(taskSet.jobId) before reaching the task's stage; "
                + "the job's code must run the same actions in the same order on every process"))
        }
        guard let byPartition = recorded.resultsByPartition else {
            throw WorkerTaskUnwind(report: .failure("the task's stage comes after action \(taskSet.jobId), whose result type "
                + "\(recorded.typeName) cannot be sent to workers; on a cluster, actions whose results later stages use must "
                + "return ShuffleCodable values (collect needs ShuffleCodable elements)"))
        }
        return try taskSet.tasks.map { task in
            guard let bytes = byPartition[task.partition] else {
                throw WorkerTaskUnwind(report: .failure("action \(taskSet.jobId) has no recorded result for partition \(task.partition)"))
            }
            return TaskOutcome(partition: task.partition, result: try taskSet.resultCodec.decode([UInt8](bytes)), location: "driver", metrics: TaskMetrics())
        }
    }

    /// Runs the task on this (slot) thread and reports how it went.
    private func execute(_ task: Task, codec: TaskResultCodec) -> WorkerProtocol.TaskReport {
        let context = TaskContext(stageId: description.stageId, partitionIndex: task.partition, attemptNumber: description.attemptNumber,
                                  environment: environment, preparedBytes: description.preparedBytes.map { [UInt8]($0) })
        context.shuffleLocations = description.shuffleLocations
        do {
            let result = try task.body(context)
            let bytes = try codec.encode(result)
            return WorkerProtocol.TaskReport(status: .succeeded, result: Data(bytes), metrics: TaskMetricsWire(context.metrics))
        } catch let fetchFailure as ShuffleFetchFailure {
            return WorkerProtocol.TaskReport(status: .fetchFailed, metrics: TaskMetricsWire(context.metrics), failureMessage: fetchFailure.reason,
                                             fetchFailureShuffleId: fetchFailure.shuffleId, fetchFailureMapPartition: fetchFailure.mapPartition)
        } catch {
            var report = WorkerProtocol.TaskReport.failure(TaskErrorText.describe(error))
            report.metrics = TaskMetricsWire(context.metrics)
            return report
        }
    }
}

/// Carries a worker task's report out of the job's code, past the actions that would follow.
struct WorkerTaskUnwind: Error {
    let report: WorkerProtocol.TaskReport
}

extension WorkerProtocol.TaskReport {
    static func failure(_ message: String) -> WorkerProtocol.TaskReport {
        WorkerProtocol.TaskReport(status: .failed, metrics: TaskMetricsWire(TaskMetrics()), failureMessage: message)
    }
}
