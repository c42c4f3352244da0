/// What a source does with a record it cannot parse (a bad CSV row, a bad JSON line, a wrong type).
public enum BadRecordPolicy: Sendable, Equatable {
    /// Fail the task, and so the job, with the file and line.
    case fail
    /// Skip the record and count it in the job's metrics.
    case skip
}
