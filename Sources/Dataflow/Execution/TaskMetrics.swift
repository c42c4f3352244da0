/// What one task attempt did, reported to the scheduler and summed per stage.
public struct TaskMetrics: Sendable {
    /// Records the stage's sources produced (lines, rows) or its shuffle read delivered.
    public var recordsRead = 0
    /// Records the task wrote: shuffle records for map tasks, results or saved records otherwise.
    public var recordsWritten = 0
    public var bytesRead = 0
    public var shuffleBytesWritten = 0
    public var shuffleBytesRead = 0
    /// Bytes written to disk because memory ran out (and, in map-reduce mode, every sort spill).
    public var spilledBytes = 0
    /// Records a source skipped under `BadRecordPolicy.skip`.
    public var badRecordsSkipped = 0

    public init() {}

    public mutating func add(_ other: TaskMetrics) {
        recordsRead += other.recordsRead
        recordsWritten += other.recordsWritten
        bytesRead += other.bytesRead
        shuffleBytesWritten += other.shuffleBytesWritten
        shuffleBytesRead += other.shuffleBytesRead
        spilledBytes += other.spilledBytes
        badRecordsSkipped += other.badRecordsSkipped
    }
}
