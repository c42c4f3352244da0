import Logging
import SluiceCore

/// Turns an action on a dataset into a job: cuts the lineage into stages at shuffles, runs the
/// stages whose output is missing (parents first, independent parents at once), and re-runs map
/// tasks whose output was lost. Shuffle output is kept for later jobs of the same context, so an
/// iteration that reuses a shuffled dataset does not shuffle again.
public final class DAGScheduler: @unchecked Sendable {
    // Sendable: the stage maps are guarded by `lock`; a stage's output locations are only touched
    // by the job that runs it, and jobs of one context run one at a time (`jobLock`).
    private let backend: any TaskBackend
    private let attemptsMax: Int
    private let clock: any WallClock
    private let logger = Logger(label: "sluice.dataflow.scheduler")
    private let lock = Mutex()
    private var shuffleStages: [Int: ShuffleMapStage] = [:]
    /// Map stages being computed, by stage id: a stage two later stages need at once (both read
    /// one shuffled dataset) runs once, and the second waits for the first's run.
    private var runningStages: [Int: _Concurrency.Task<Void, any Error>] = [:]
    private var nextStageId = 0
    private var nextJobId = 0
    private var listeners: [@Sendable (JobEvent) -> Void] = []
    /// Fetch failures tolerated per stage before the job gives up (Spark's default is 4).
    private let stageAttemptsMax = 4

    public init(backend: any TaskBackend, attemptsMax: Int, clock: any WallClock = SystemWallClock()) {
        self.backend = backend
        self.attemptsMax = attemptsMax
        self.clock = clock
    }

    public func addListener(_ listener: @escaping @Sendable (JobEvent) -> Void) {
        lock.withLock { listeners.append(listener) }
    }

    private func emit(_ event: JobEvent) {
        for listener in lock.withLock({ listeners }) { listener(event) }
    }

    /// Runs `resultFunction` on `partitions` of `dataset` after every shuffle it needs exists.
    ///
    /// - Parameter resultCodec: how a result crosses processes (a cluster backend needs it).
    /// - Returns: one result per partition, in the order of `partitions`.
    /// - Throws: `JobFailure` naming stage, partition and cause.
    public func runJob(name: String, dataset: any DatasetNode, partitions: [Int],
                       resultCodec: TaskResultCodec = .opaque,
                       resultFunction: @escaping @Sendable (TaskContext, Int) throws -> TaskResultBox) async throws -> [TaskResultBox] {
        let jobId = lock.withLock { () -> Int in
            defer { nextJobId += 1 }
            return nextJobId
        }
        let startMillis = clock.nowMillis()
        emit(.jobStarted(jobId: jobId, name: name))
        do {
            let parents = parentStages(of: dataset)
            let stage = ResultStage(id: newStageId(), dataset: dataset, partitions: partitions, parents: parents)
            try await computeParents(of: stage, jobId: jobId, jobName: name)
            let tasks = partitions.map { partition in
                Task(stageId: stage.id, partition: partition, preferredLocations: dataset.preferredLocations(partition: partition)) { context in
                    try resultFunction(context, partition)
                }
            }
            let taskSet = TaskSet(stageId: stage.id, stageName: stage.name, shuffleId: nil, tasks: tasks, jobId: jobId, resultCodec: resultCodec)
            let outcomes = try await runStageAttempts(stage: stage, taskSet: taskSet, kind: .result, jobId: jobId, jobName: name)
            emit(.jobEnded(jobId: jobId, elapsedMillis: clock.nowMillis() - startMillis, failure: nil))
            return outcomes.map(\.result)
        } catch {
            emit(.jobEnded(jobId: jobId, elapsedMillis: clock.nowMillis() - startMillis, failure: TaskErrorText.describe(error)))
            throw error
        }
    }

    private func newStageId() -> Int {
        lock.withLock {
            defer { nextStageId += 1 }
            return nextStageId
        }
    }

    /// The map stages of the shuffles `dataset` reads, reached through narrow dependencies.
    private func parentStages(of dataset: any DatasetNode) -> [ShuffleMapStage] {
        var stages: [ShuffleMapStage] = []
        var visited = Set<ObjectIdentifier>()
        var pending: [any DatasetNode] = [dataset]
        while let node = pending.popLast() {
            guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
            for dependency in node.dependencies {
                switch dependency {
                case .narrow(let parent):
                    pending.append(parent)
                case .shuffle(let shuffle):
                    let stage = shuffleMapStage(for: shuffle)
                    if !stages.contains(where: { $0 === stage }) { stages.append(stage) }
                }
            }
        }
        return stages
    }

    private func shuffleMapStage(for shuffle: ShuffleDependency) -> ShuffleMapStage {
        if let existing = lock.withLock({ shuffleStages[shuffle.shuffleId] }) { return existing }
        let parents = parentStages(of: shuffle.parent)
        let stage = ShuffleMapStage(id: newStageId(), shuffle: shuffle, parents: parents)
        lock.withLock { shuffleStages[shuffle.shuffleId] = stage }
        return stage
    }

    private func computeParents(of stage: Stage, jobId: Int, jobName: String) async throws {
        let missing = stage.parents.filter { !$0.isAvailable }
        if missing.count == 1 {
            try await compute(missing[0], jobId: jobId, jobName: jobName)
        } else if !missing.isEmpty {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for parent in missing { group.addTask { try await self.compute(parent, jobId: jobId, jobName: jobName) } }
                try await group.waitForAll()
            }
        }
    }

    private func compute(_ stage: ShuffleMapStage, jobId: Int, jobName: String) async throws {
        let (run, isOwnRun) = lock.withLock { () -> (_Concurrency.Task<Void, any Error>, Bool) in
            if let running = runningStages[stage.id] { return (running, false) }
            let run = _Concurrency.Task { try await self.computeMissingPartitions(of: stage, jobId: jobId, jobName: jobName) }
            runningStages[stage.id] = run
            return (run, true)
        }
        defer {
            if isOwnRun { lock.withLock { runningStages[stage.id] = nil } }
        }
        try await run.value
    }

    private func computeMissingPartitions(of stage: ShuffleMapStage, jobId: Int, jobName: String) async throws {
        try await computeParents(of: stage, jobId: jobId, jobName: jobName)
        let shuffle = stage.shuffle
        if let prepare = shuffle.prepare, stage.preparedBytes == nil {
            stage.preparedBytes = try await prepare()
        }
        let dataset = stage.dataset
        let tasks = stage.missingPartitions.map { partition in
            Task(stageId: stage.id, partition: partition, preferredLocations: dataset.preferredLocations(partition: partition)) { context in
                let output = try shuffle.runMapTask(context)
                context.environment.shuffleOutputs.store(output, shuffleId: shuffle.shuffleId, mapPartition: partition,
                                                         budget: context.environment.memoryBudget)
                return TaskResultBox(output.partitionByteCounts)
            }
        }
        let taskSet = TaskSet(stageId: stage.id, stageName: stage.name, shuffleId: shuffle.shuffleId, tasks: tasks,
                              jobId: jobId, resultCodec: .of([Int].self), preparedBytes: stage.preparedBytes)
        let outcomes = try await runStageAttempts(stage: stage, taskSet: taskSet, kind: .shuffleMap, jobId: jobId, jobName: jobName)
        for outcome in outcomes { stage.outputLocations[outcome.partition] = outcome.location }
    }

    /// Runs a stage's task set; when a task finds a parent's map output gone, runs the parent's
    /// lost partitions again and retries the stage's unfinished tasks.
    private func runStageAttempts(stage: Stage, taskSet: TaskSet, kind: StageProgress.Kind, jobId: Int,
                                  jobName: String) async throws -> [TaskOutcome] {
        var stageAttempt = 0
        var taskSet = taskSet
        while true {
            // Read afresh each attempt: a re-run parent's partitions live somewhere new.
            taskSet.shuffleLocations = Dictionary(uniqueKeysWithValues: stage.parents.map { parent in
                (parent.shuffle.shuffleId, parent.outputLocations.map { $0 ?? "" })
            })
            let startMillis = clock.nowMillis()
            emit(.stageStarted(StageProgress(stageId: stage.id, name: stage.name, kind: kind, taskCount: taskSet.tasks.count)))
            do {
                let outcomes = try await backend.run(taskSet, attemptsMax: attemptsMax) { [weak self] event in self?.emit(event) }
                var metrics = TaskMetrics()
                for outcome in outcomes { metrics.add(outcome.metrics) }
                emit(.stageCompleted(stageId: stage.id, elapsedMillis: clock.nowMillis() - startMillis, metrics: metrics))
                return outcomes
            } catch let fetchFailure as ShuffleFetchFailure {
                stageAttempt += 1
                guard stageAttempt < stageAttemptsMax,
                      let parent = stage.parents.first(where: { $0.shuffle.shuffleId == fetchFailure.shuffleId }) else {
                    throw JobFailure(jobName: jobName, stageId: stage.id, stageName: stage.name, partition: fetchFailure.mapPartition,
                                     attemptCount: stageAttempt, cause: fetchFailure.description)
                }
                logger.warning("\(fetchFailure); running its map stage \(parent.id) again")
                markLost(fetchFailure, in: parent)
                try await compute(parent, jobId: jobId, jobName: jobName)
            } catch let failure as TaskSetFailure {
                throw JobFailure(jobName: jobName, stageId: stage.id, stageName: stage.name, partition: failure.partition,
                                 attemptCount: failure.attemptCount, cause: failure.cause)
            }
        }
    }

    /// Forgets the lost map output, and every other output from the same place (a dead worker
    /// took them all).
    private func markLost(_ failure: ShuffleFetchFailure, in stage: ShuffleMapStage) {
        let lostLocation = stage.outputLocations[failure.mapPartition]
        for index in stage.outputLocations.indices where index == failure.mapPartition
            || (lostLocation != nil && lostLocation != "local" && stage.outputLocations[index] == lostLocation) {
            stage.outputLocations[index] = nil
        }
    }

    public func shutdown() {
        backend.shutdown()
    }
}
