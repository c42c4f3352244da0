/// What a running job reports to listeners (progress bars, the job history).
public enum JobEvent: Sendable {
    case jobStarted(jobId: Int, name: String)
    case stageStarted(StageProgress)
    case taskStarted(stageId: Int, partition: Int, attemptNumber: Int)
    case taskEnded(stageId: Int, partition: Int, attemptNumber: Int, metrics: TaskMetrics, failure: String?)
    case stageCompleted(stageId: Int, elapsedMillis: Int64, metrics: TaskMetrics)
    case jobEnded(jobId: Int, elapsedMillis: Int64, failure: String?)
}

/// A stage as listeners see it when it starts.
public struct StageProgress: Sendable {
    public var stageId: Int
    public var name: String
    public var kind: Kind
    /// Tasks this attempt runs (partitions missing output).
    public var taskCount: Int

    public enum Kind: String, Sendable {
        case shuffleMap = "map"
        case result
    }
}
