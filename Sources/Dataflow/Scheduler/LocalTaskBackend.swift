import SluiceCore

/// `local[N]`: tasks run on N threads of this process; map output stays in this process's store.
public final class LocalTaskBackend: TaskBackend, @unchecked Sendable {
    // Sendable: the pool is thread-safe; the environment guards itself.
    public let slotCount: Int
    private let pool: TaskThreadPool
    private let environment: ExecutionEnvironment

    public init(threadCount: Int, environment: ExecutionEnvironment) {
        slotCount = threadCount
        pool = TaskThreadPool(threadCount: threadCount, name: "sluice-task")
        self.environment = environment
    }

    public func run(_ taskSet: TaskSet, attemptsMax: Int, listener: @escaping @Sendable (JobEvent) -> Void) async throws -> [TaskOutcome] {
        try await withCheckedThrowingContinuation { continuation in
            let run = LocalTaskSetRun(taskSet: taskSet, attemptsMax: attemptsMax, environment: environment,
                                      pool: pool, listener: listener, continuation: continuation)
            run.start()
        }
    }

    public func shutdown() {
        pool.shutdown()
    }
}

/// The state of one task set on the local pool: outcomes so far, attempts per task, and whether
/// it has already finished (success or failure), after which queued attempts do nothing.
private final class LocalTaskSetRun: @unchecked Sendable {
    // Sendable: mutable state is guarded by `lock`.
    private let taskSet: TaskSet
    private let attemptsMax: Int
    private let environment: ExecutionEnvironment
    private let pool: TaskThreadPool
    private let listener: @Sendable (JobEvent) -> Void
    private let lock = Mutex()
    private var continuation: CheckedContinuation<[TaskOutcome], any Error>?
    private var outcomes: [TaskOutcome?]
    private var remainingCount: Int

    init(taskSet: TaskSet, attemptsMax: Int, environment: ExecutionEnvironment, pool: TaskThreadPool,
         listener: @escaping @Sendable (JobEvent) -> Void, continuation: CheckedContinuation<[TaskOutcome], any Error>) {
        self.taskSet = taskSet
        self.attemptsMax = attemptsMax
        self.environment = environment
        self.pool = pool
        self.listener = listener
        self.continuation = continuation
        outcomes = Array(repeating: nil, count: taskSet.tasks.count)
        remainingCount = taskSet.tasks.count
    }

    func start() {
        if taskSet.tasks.isEmpty {
            finish(.success([]))
            return
        }
        for index in taskSet.tasks.indices { submit(index: index, attemptNumber: 0) }
    }

    private var isFinished: Bool { lock.withLock { continuation == nil } }

    private func submit(index: Int, attemptNumber: Int) {
        pool.submit { [self] in runAttempt(index: index, attemptNumber: attemptNumber) }
    }

    private func runAttempt(index: Int, attemptNumber: Int) {
        if isFinished { return }
        let task = taskSet.tasks[index]
        let context = TaskContext(stageId: task.stageId, partitionIndex: task.partition, attemptNumber: attemptNumber,
                                  environment: environment, preparedBytes: taskSet.preparedBytes)
        listener(.taskStarted(stageId: task.stageId, partition: task.partition, attemptNumber: attemptNumber))
        do {
            let result = try task.body(context)
            listener(.taskEnded(stageId: task.stageId, partition: task.partition, attemptNumber: attemptNumber,
                                metrics: context.metrics, failure: nil))
            let outcome = TaskOutcome(partition: task.partition, result: result, location: "local", metrics: context.metrics)
            let allDone = lock.withLock { () -> [TaskOutcome]? in
                outcomes[index] = outcome
                remainingCount -= 1
                return remainingCount == 0 ? outcomes.map { $0! } : nil
            }
            if let allDone { finish(.success(allDone)) }
        } catch let fetchFailure as ShuffleFetchFailure {
            listener(.taskEnded(stageId: task.stageId, partition: task.partition, attemptNumber: attemptNumber,
                                metrics: context.metrics, failure: fetchFailure.description))
            finish(.failure(fetchFailure))
        } catch {
            let cause = TaskErrorText.describe(error)
            listener(.taskEnded(stageId: task.stageId, partition: task.partition, attemptNumber: attemptNumber,
                                metrics: context.metrics, failure: cause))
            if attemptNumber + 1 < attemptsMax {
                submit(index: index, attemptNumber: attemptNumber + 1)
            } else {
                finish(.failure(TaskSetFailure(partition: task.partition, attemptCount: attemptNumber + 1, cause: cause)))
            }
        }
    }

    private func finish(_ result: Result<[TaskOutcome], any Error>) {
        let waiting = lock.withLock { () -> CheckedContinuation<[TaskOutcome], any Error>? in
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(with: result)
    }
}
