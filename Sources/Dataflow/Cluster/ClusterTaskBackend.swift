import Cluster
import Foundation
import Logging
import SluiceCore

/// Runs a job's task sets on the coordinator's workers: each task goes to a free slot, on a
/// worker on a host holding its input when one is free (no waiting for locality), else anywhere;
/// a failed attempt is retried on another worker when there is one, up to `attemptsMax` attempts.
/// A worker that refuses a call or stops heartbeating is lost: its running tasks are re-queued
/// (the lost attempt counts) and the map output it held is gone, which reduce tasks discover as a
/// `ShuffleFetchFailure` that the DAG scheduler answers by re-running those map tasks.
///
/// One backend per submitted run (it knows the run's job, arguments and earlier results).
/// Threading: `run` may be called for several task sets at once (independent stages).
public final class ClusterTaskBackend: TaskBackend, @unchecked Sendable {
    // Sendable: `inFlightCalls` is guarded by `lock`; the rest is immutable or guards itself.
    private let registry: WorkerRegistry
    private let run: ClusterJobRun
    private let logger = Logger(label: "sluice.dataflow.cluster")
    private let lock = Mutex()
    /// Worker id → calls in flight to it, cancelled when the worker is lost.
    private var inFlightCalls: [String: [Int: _Concurrency.Task<WorkerProtocol.TaskReport, any Error>]] = [:]
    private var nextCallNumber = 0

    init(registry: WorkerRegistry, run: ClusterJobRun) {
        self.registry = registry
        self.run = run
    }

    public var slotCount: Int { registry.liveWorkers.reduce(0) { $0 + $1.slotCount } }

    public func run(_ taskSet: TaskSet, attemptsMax: Int, listener: @escaping @Sendable (JobEvent) -> Void) async throws -> [TaskOutcome] {
        var outcomes = [TaskOutcome?](repeating: nil, count: taskSet.tasks.count)
        var encodedResults: [Int: Data] = [:]
        try await withThrowingTaskGroup(of: (Int, TaskOutcome, Data?).self) { group in
            for index in taskSet.tasks.indices {
                group.addTask {
                    let (outcome, bytes) = try await self.runTask(taskSet.tasks[index], of: taskSet, attemptsMax: attemptsMax, listener: listener)
                    return (index, outcome, bytes)
                }
            }
            for try await (index, outcome, bytes) in group {
                outcomes[index] = outcome
                encodedResults[outcome.partition] = bytes
            }
        }
        if taskSet.shuffleId == nil {
            run.recordResults(jobId: taskSet.jobId, WorkerProtocol.EncodedJobResults(
                resultsByPartition: taskSet.resultCodec.isEncodable ? encodedResults : nil, typeName: taskSet.resultCodec.typeName))
        }
        return outcomes.map { $0! }
    }

    public func shutdown() {
        let calls = lock.withLock { inFlightCalls.values.flatMap(\.values) }
        for call in calls { call.cancel() }
    }

    /// Called by the coordinator when a worker is lost: its calls end at once.
    func cancelCalls(toWorker workerId: String) {
        let calls = lock.withLock { inFlightCalls.removeValue(forKey: workerId).map { Array($0.values) } ?? [] }
        for call in calls { call.cancel() }
    }

    private func runTask(_ task: Task, of taskSet: TaskSet, attemptsMax: Int,
                         listener: @escaping @Sendable (JobEvent) -> Void) async throws -> (TaskOutcome, Data?) {
        var attemptNumber = 0
        var failedOn = Set<String>()
        while true {
            let slot = try await acquireSlot(preferredHosts: task.preferredLocations, avoiding: failedOn)
            listener(.taskStarted(stageId: task.stageId, partition: task.partition, attemptNumber: attemptNumber))
            let description = WorkerProtocol.TaskDescription(
                runId: run.runId, jobName: run.job.name, arguments: run.arguments.values, settings: run.settings,
                target: taskSet.shuffleId.map { .shuffleMap(shuffleId: $0) } ?? .result(jobId: taskSet.jobId),
                stageId: task.stageId, partition: task.partition, attemptNumber: attemptNumber,
                shuffleLocations: taskSet.shuffleLocations, earlierResults: run.results(before: taskSet.jobId),
                preparedBytes: taskSet.preparedBytes.map { Data($0) })
            let failure: String
            let report: WorkerProtocol.TaskReport
            do {
                report = try await call(slot, description)
                registry.release(slot)
            } catch {
                registry.release(slot)
                if _Concurrency.Task.isCancelled { throw CancellationError() }
                if registry.isAlive(workerId: slot.workerId), let remote = error as? RemoteCallError, remote.isUnreachable {
                    logger.warning("worker \(slot.address) does not answer; declaring it lost: \(remote)")
                    registry.markLost(workerId: slot.workerId)
                }
                failure = registry.isAlive(workerId: slot.workerId) ? "\(error)" : "worker \(slot.address) was lost while running the task"
                listener(.taskEnded(stageId: task.stageId, partition: task.partition, attemptNumber: attemptNumber, metrics: TaskMetrics(), failure: failure))
                failedOn.insert(slot.workerId)
                attemptNumber += 1
                guard attemptNumber < attemptsMax else {
                    throw TaskSetFailure(partition: task.partition, attemptCount: attemptNumber, cause: failure)
                }
                continue
            }
            let metrics = report.metrics.metrics
            switch report.status {
            case .succeeded:
                let bytes = report.result ?? Data()
                let result = try taskSet.resultCodec.decode([UInt8](bytes))
                listener(.taskEnded(stageId: task.stageId, partition: task.partition, attemptNumber: attemptNumber, metrics: metrics, failure: nil))
                return (TaskOutcome(partition: task.partition, result: result, location: slot.address, metrics: metrics), bytes)
            case .fetchFailed:
                let fetchFailure = ShuffleFetchFailure(shuffleId: report.fetchFailureShuffleId ?? -1, mapPartition: report.fetchFailureMapPartition ?? 0,
                                                       reason: report.failureMessage ?? "fetch failed")
                listener(.taskEnded(stageId: task.stageId, partition: task.partition, attemptNumber: attemptNumber, metrics: metrics,
                                    failure: fetchFailure.description))
                throw fetchFailure
            case .failed:
                failure = report.failureMessage ?? "the task failed"
                listener(.taskEnded(stageId: task.stageId, partition: task.partition, attemptNumber: attemptNumber, metrics: metrics, failure: failure))
            }
            failedOn.insert(slot.workerId)
            attemptNumber += 1
            guard attemptNumber < attemptsMax else {
                throw TaskSetFailure(partition: task.partition, attemptCount: attemptNumber, cause: failure)
            }
            logger.info("stage \(task.stageId) partition \(task.partition) failed on \(slot.address), retrying: \(failure)")
        }
    }

    private func acquireSlot(preferredHosts: [String], avoiding: Set<String>) async throws -> WorkerRegistry.Slot {
        // Delay scheduling, as Spark does: for a while a task takes only a slot on a host of its
        // input, then any free slot.
        let localityDeadline = ContinuousClock.now + .milliseconds(Self.localityWaitMillis)
        while true {
            try _Concurrency.Task.checkCancellation()
            let waitsForLocality = !preferredHosts.isEmpty && ContinuousClock.now < localityDeadline
                && registry.hasWorker(onAnyOf: preferredHosts, avoiding: avoiding)
            let (slot, generation) = registry.tryAcquire(preferredHosts: preferredHosts, avoiding: avoiding,
                                                         preferredOnly: waitsForLocality)
            if let slot { return slot }
            if waitsForLocality {
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await self.registry.waitForChange(after: generation) }
                    group.addTask { try? await _Concurrency.Task.sleep(until: localityDeadline, clock: .continuous) }
                    await group.next()
                    group.cancelAll()
                }
            } else {
                await registry.waitForChange(after: generation)
            }
        }
    }

    /// How long a task waits for a slot on a host of its input before it takes any slot.
    static let localityWaitMillis = 1_000

    /// Sends the task to the worker and waits for its report; cancelled when the worker is lost.
    private func call(_ slot: WorkerRegistry.Slot, _ description: WorkerProtocol.TaskDescription) async throws -> WorkerProtocol.TaskReport {
        let client = JSONRPCClient(address: slot.address, timeoutSeconds: 7 * 24 * 3600)
        let callTask = _Concurrency.Task { try await client.call(WorkerProtocol.Method.runTask, description, as: WorkerProtocol.TaskReport.self) }
        let number = lock.withLock { () -> Int in
            nextCallNumber += 1
            inFlightCalls[slot.workerId, default: [:]][nextCallNumber] = callTask
            return nextCallNumber
        }
        defer { _ = lock.withLock { inFlightCalls[slot.workerId]?.removeValue(forKey: number) } }
        // The worker may have been lost between taking the slot and registering the call.
        if !registry.isAlive(workerId: slot.workerId) { callTask.cancel() }
        return try await withTaskCancellationHandler {
            try await callTask.value
        } onCancel: {
            callTask.cancel()
        }
    }
}
