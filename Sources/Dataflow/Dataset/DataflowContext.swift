import SluiceCore

/// The entry point of a job: makes source datasets, gives every dataset and shuffle its id, and
/// runs actions as jobs on its task backend. One context per job run; close it at the end.
///
/// ```swift
/// let context = try DataflowContext(config: ExecutionConfig(master: .local(threadCount: 2)))
/// let counts = context.textFile("datasets/words.txt")
///     .flatMap { line in line.split(separator: " ") }
///     .map { word in (word, 1) }
///     .reduceByKey(+)
/// try await counts.save(to: "/tmp/counts")
/// ```
public final class DataflowContext: @unchecked Sendable {
    // Sendable: the id counters are guarded by `lock`; everything else is immutable.
    public let config: ExecutionConfig
    public let environment: ExecutionEnvironment
    public let scheduler: DAGScheduler
    private let lock = Mutex()
    private var nextDataset = 0
    private var nextShuffle = 0

    /// Creates a context whose tasks run on `config.master`'s local threads.
    public convenience init(config: ExecutionConfig = ExecutionConfig(), fileSystems: FileSystemRegistry = .shared) throws {
        guard case .local(let threadCount) = config.master else {
            throw SluiceError.userInput("master \(config.master) needs a cluster backend; use DataflowContext(config:backend:)")
        }
        let environment = try ExecutionEnvironment(config: config, taskSlotCount: threadCount, fileSystems: fileSystems)
        self.init(config: config, environment: environment, backend: LocalTaskBackend(threadCount: threadCount, environment: environment))
    }

    /// Creates a context over a given environment and backend (the cluster coordinator's).
    public init(config: ExecutionConfig, environment: ExecutionEnvironment, backend: any TaskBackend) {
        self.config = config
        self.environment = environment
        self.scheduler = DAGScheduler(backend: backend, attemptsMax: config.taskAttemptsMax)
    }

    /// Stops the task threads and removes shuffle and spill files.
    public func close() {
        scheduler.shutdown()
        environment.removeWorkDirectory()
    }

    public var defaultParallelism: Int { config.defaultParallelism }

    public func nextDatasetId() -> Int {
        lock.withLock {
            defer { nextDataset += 1 }
            return nextDataset
        }
    }

    public func nextShuffleId() -> Int {
        lock.withLock {
            defer { nextShuffle += 1 }
            return nextShuffle
        }
    }

    /// A dataset of the given elements, cut into `partitionCount` nearly equal slices.
    public func parallelize<Element>(_ elements: [Element], partitionCount: Int? = nil) -> Dataset<Element> {
        let count = max(1, partitionCount ?? defaultParallelism)
        let box = TaskResultBox(elements)
        return Dataset(context: self, name: "parallelize", partitionCount: count, dependencies: []) { task, partition, emit in
            let all = box.value as! [Element]
            let start = all.count * partition / count
            let end = all.count * (partition + 1) / count
            task.metrics.recordsRead += end - start
            for element in all[start..<end] { try emit(element) }
        }
    }
}
