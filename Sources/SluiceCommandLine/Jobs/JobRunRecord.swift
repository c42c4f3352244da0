/// One submitted run in the job history: what ran where, when, how it ended, and its stages.
/// Stored as one JSON line per run.
struct JobRunRecord: Codable, Sendable, Equatable {
    enum Status: String, Codable, Sendable {
        case succeeded
        case failed
    }

    /// `20250114-093012-3f9a`: the start time (UTC) and a random suffix, so ids sort by time.
    var id: String
    var job: String
    /// The job's options as `--name value` pairs, defaults filled in.
    var arguments: [String]
    var master: String
    var mode: String
    /// ISO 8601, UTC.
    var startTime: String
    var durationMillis: Int64
    var status: Status
    /// Why the run failed; nil when it succeeded.
    var message: String?
    /// The lines the job reported at its end.
    var summary: [String]
    var stages: [StageRun]
}
