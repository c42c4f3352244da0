/// One task: compute one partition of a stage. The body is built by the DAG scheduler and hides
/// the element types; it returns the action's result (result stages) or nothing (map stages).
public struct Task: Sendable {
    public let stageId: Int
    public let partition: Int
    /// Hosts that hold the partition's input; the scheduler tries them first.
    public let preferredLocations: [String]
    public let body: @Sendable (TaskContext) throws -> TaskResultBox

    public init(stageId: Int, partition: Int, preferredLocations: [String],
                body: @escaping @Sendable (TaskContext) throws -> TaskResultBox) {
        self.stageId = stageId
        self.partition = partition
        self.preferredLocations = preferredLocations
        self.body = body
    }
}

/// The tasks of one stage attempt, handed to the task backend together.
public struct TaskSet: Sendable {
    public let stageId: Int
    public let stageName: String
    /// The id of the shuffle a map stage writes, nil for a result stage.
    public let shuffleId: Int?
    public let tasks: [Task]
    /// The job (action) this task set belongs to, counted from 0 per context; a cluster worker
    /// uses it to find the action whose result stage it must run.
    public var jobId = 0
    /// For every shuffle the stage reads, where each map partition's output is (a cluster
    /// backend ships these to the workers that fetch it).
    public var shuffleLocations: [Int: [String]] = [:]
    /// How the tasks' results travel between processes.
    public var resultCodec: TaskResultCodec = .opaque
    /// The bytes the shuffle's preparation produced, for every map task's `TaskContext`; a
    /// backend that runs tasks in other processes sends them along.
    public var preparedBytes: [UInt8]? = nil
}

/// A task's result with its type erased; the job that asked for it knows the type.
public struct TaskResultBox: @unchecked Sendable {
    // Sendable: a result is produced by one task and read once by the job after the task ends.
    public let value: Any

    public init(_ value: Any) {
        self.value = value
    }
}

/// How one task attempt ended.
public struct TaskOutcome: Sendable {
    public let partition: Int
    public let result: TaskResultBox
    /// Where the task ran ("local" in this process, or a worker's address); map output lives there.
    public let location: String
    public let metrics: TaskMetrics
}
