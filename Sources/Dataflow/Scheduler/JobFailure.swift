/// A job that cannot finish: a task failed every attempt, or its input is unusable. Names the
/// stage, partition and cause, whose fault it is is in the cause.
public struct JobFailure: Error, Sendable, CustomStringConvertible {
    public var jobName: String
    public var stageId: Int
    public var stageName: String
    public var partition: Int
    public var attemptCount: Int
    public var cause: String

    public var description: String {
        "job '\(jobName)' failed: stage \(stageId) (\(stageName)), partition \(partition) failed \(attemptCount) time\(attemptCount == 1 ? "" : "s"); last error: \(cause)"
    }
}
