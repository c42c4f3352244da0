import Dataflow
import SluiceCore

/// What a pipeline runs against: the topic log it reads, the warehouse its tables, views,
/// state and checkpoints live in (a local folder or `dfs://`), and how its stream queries and
/// batch jobs execute.
public struct PipelineEnvironment: Sendable {
    public var log: any TopicLog
    /// The warehouse location, resolved through `fileSystems`.
    public var warehouse: String
    public var fileSystems: FileSystemRegistry
    public var clock: any WallClock
    public var taskThreadCount: Int
    public var triggerIntervalMillis: Int64
    public var recordsPerPartitionPerBatchMax: Int64
    /// How the lambda batch layer's Dataflow jobs run.
    public var batchExecution: ExecutionConfig
    /// A local folder for the lock that marks a running pipeline (one runner per pipeline);
    /// nil runs without one (tests in one process).
    public var runnerLockFolder: String?

    public init(log: any TopicLog, warehouse: String, fileSystems: FileSystemRegistry = .shared, clock: any WallClock = SystemWallClock(),
                taskThreadCount: Int = 2, triggerIntervalMillis: Int64 = 200, recordsPerPartitionPerBatchMax: Int64 = 1_000_000,
                batchExecution: ExecutionConfig = ExecutionConfig(), runnerLockFolder: String? = nil) {
        self.log = log
        self.warehouse = warehouse
        self.fileSystems = fileSystems
        self.clock = clock
        self.taskThreadCount = taskThreadCount
        self.triggerIntervalMillis = triggerIntervalMillis
        self.recordsPerPartitionPerBatchMax = recordsPerPartitionPerBatchMax
        self.batchExecution = batchExecution
        self.runnerLockFolder = runnerLockFolder
    }

    /// The streaming configuration of one of a pipeline's query groups: its transaction id
    /// prefix and checkpoint folder.
    func streamingConfiguration(name: String, checkpoints: String) -> StreamingConfiguration {
        StreamingConfiguration(pipelineName: name, checkpointLocation: checkpoints, fileSystems: fileSystems,
                               recordsPerPartitionPerBatchMax: recordsPerPartitionPerBatchMax,
                               triggerIntervalMillis: triggerIntervalMillis, taskThreadCount: taskThreadCount, clock: clock)
    }
}
