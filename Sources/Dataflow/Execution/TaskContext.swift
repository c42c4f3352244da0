import SluiceCore

/// One attempt of one task: which partition it computes, the process's execution environment, and
/// the metrics it collects. Owned by the thread that runs the attempt.
public final class TaskContext: @unchecked Sendable {
    // Sendable: one thread runs an attempt; the scheduler reads `metrics` after it ends.
    public let stageId: Int
    public let partitionIndex: Int
    /// 0 for the first attempt.
    public let attemptNumber: Int
    public let environment: ExecutionEnvironment
    /// For a map task, what its shuffle's `ShuffleDependency.prepare` produced (a sort's range
    /// bounds); nil otherwise.
    public let preparedBytes: [UInt8]?
    public var metrics = TaskMetrics()
    /// On a cluster: for every shuffle this task reads, the worker address holding each map
    /// partition's output (index = map partition). Empty in local mode.
    public var shuffleLocations: [Int: [String]] = [:]

    public init(stageId: Int, partitionIndex: Int, attemptNumber: Int, environment: ExecutionEnvironment,
                preparedBytes: [UInt8]? = nil) {
        self.stageId = stageId
        self.partitionIndex = partitionIndex
        self.attemptNumber = attemptNumber
        self.environment = environment
        self.preparedBytes = preparedBytes
    }

    /// Memory this task may use for its own hash tables and buffers before spilling.
    public var memoryLimitBytes: Int { environment.taskMemoryLimitBytes }

    /// A file path unique to this attempt, for spill and output files.
    public func workFilePath(_ purpose: String) -> String {
        environment.newWorkFilePath("\(purpose)-s\(stageId)-p\(partitionIndex)-a\(attemptNumber)")
    }
}
