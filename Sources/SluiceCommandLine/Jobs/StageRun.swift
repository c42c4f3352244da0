import Dataflow

/// One stage of a submitted job as the submitter sees it: progress while it runs, then its time
/// and metrics (summed over the tasks' successful attempts). Kept in the job history as is.
struct StageRun: Codable, Sendable, Equatable {
    var stageId: Int
    /// The stage's pipeline, `textFile → flatMap → map`.
    var name: String
    /// `map` (writes shuffle output) or `result`.
    var kind: String
    var taskCount: Int
    var tasksDone = 0
    var tasksRunning = 0
    /// Nil while the stage runs.
    var elapsedMillis: Int64?
    var recordsRead = 0
    var recordsWritten = 0
    var bytesRead = 0
    var shuffleBytesWritten = 0
    var shuffleBytesRead = 0
    var spilledBytes = 0
    var badRecordsSkipped = 0

    init(stageId: Int, name: String, kind: String, taskCount: Int) {
        self.stageId = stageId
        self.name = name
        self.kind = kind
        self.taskCount = taskCount
    }

    /// Adds a finished task's metrics.
    mutating func add(_ metrics: TaskMetrics) {
        recordsRead += metrics.recordsRead
        recordsWritten += metrics.recordsWritten
        bytesRead += metrics.bytesRead
        shuffleBytesWritten += metrics.shuffleBytesWritten
        shuffleBytesRead += metrics.shuffleBytesRead
        spilledBytes += metrics.spilledBytes
        badRecordsSkipped += metrics.badRecordsSkipped
    }

    /// Bytes the stage has read so far, from sources and shuffles.
    var bytesReadTotal: Int { bytesRead + shuffleBytesRead }
}
