/// `TaskMetrics` on the wire.
public struct TaskMetricsWire: Codable, Sendable {
    public var recordsRead: Int
    public var recordsWritten: Int
    public var bytesRead: Int
    public var shuffleBytesWritten: Int
    public var shuffleBytesRead: Int
    public var spilledBytes: Int
    public var badRecordsSkipped: Int

    public init(_ metrics: TaskMetrics) {
        recordsRead = metrics.recordsRead
        recordsWritten = metrics.recordsWritten
        bytesRead = metrics.bytesRead
        shuffleBytesWritten = metrics.shuffleBytesWritten
        shuffleBytesRead = metrics.shuffleBytesRead
        spilledBytes = metrics.spilledBytes
        badRecordsSkipped = metrics.badRecordsSkipped
    }

    public var metrics: TaskMetrics {
        var metrics = TaskMetrics()
        metrics.recordsRead = recordsRead
        metrics.recordsWritten = recordsWritten
        metrics.bytesRead = bytesRead
        metrics.shuffleBytesWritten = shuffleBytesWritten
        metrics.shuffleBytesRead = shuffleBytesRead
        metrics.spilledBytes = spilledBytes
        metrics.badRecordsSkipped = badRecordsSkipped
        return metrics
    }
}
