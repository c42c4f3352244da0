import SluiceCore

/// How a streaming pipeline runs: its name, where its checkpoints live, how big a micro-batch is
/// and how often one starts.
///
/// A value type; `Sendable`.
public struct StreamingConfiguration: Sendable {
    /// Names the pipeline: the table sinks' transaction application id and the default
    /// dead-letter topic derive from it.
    public var pipelineName: String
    /// The checkpoint folder, as a location text resolved through `fileSystems` (a local path,
    /// `file://...` or `dfs://host:port/...`).
    public var checkpointLocation: String
    public var fileSystems: FileSystemRegistry
    /// At most this many records of one source partition go into one micro-batch (for a table
    /// change feed: this many table versions).
    public var recordsPerPartitionPerBatchMax: Int64
    /// How long `run(until:)` waits before looking for new records when a batch found none.
    public var triggerIntervalMillis: Int64
    /// Threads that run the tasks of a batch (one task per source partition).
    public var taskThreadCount: Int
    /// Where records a closure threw on go, with the reason.
    public var deadLetterTopic: String
    /// Processing time: the timestamps of dead letters and commits.
    public var clock: any WallClock
    /// How many checkpoints (state and offsets files) are kept; older ones are deleted.
    public var checkpointsKept: Int
    /// Bytes asked for per fetch from the log. A megabyte keeps the per-fetch cost small next to
    /// the records' while the memory of one fetch is reused for the next; much larger fetches
    /// make the task touch fresh pages every time, which costs more than it saves.
    public var fetchBytesMax: Int

    public init(pipelineName: String, checkpointLocation: String, fileSystems: FileSystemRegistry = .shared,
                recordsPerPartitionPerBatchMax: Int64 = 1_000_000, triggerIntervalMillis: Int64 = 200,
                taskThreadCount: Int = 2, deadLetterTopic: String? = nil, clock: any WallClock = SystemWallClock(),
                checkpointsKept: Int = 3, fetchBytesMax: Int = 1 << 20) {
        self.pipelineName = pipelineName
        self.checkpointLocation = checkpointLocation
        self.fileSystems = fileSystems
        self.recordsPerPartitionPerBatchMax = Swift.max(1, recordsPerPartitionPerBatchMax)
        self.triggerIntervalMillis = triggerIntervalMillis
        self.taskThreadCount = Swift.max(1, taskThreadCount)
        self.deadLetterTopic = deadLetterTopic ?? pipelineName + ".dead-letter"
        self.clock = clock
        self.checkpointsKept = Swift.max(1, checkpointsKept)
        self.fetchBytesMax = fetchBytesMax
    }
}
