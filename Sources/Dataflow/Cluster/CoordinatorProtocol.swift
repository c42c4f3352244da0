/// The coordinator's `/rpc/<method>` calls, from workers (membership) and from `sluice submit`
/// (jobs), as JSON.
public enum CoordinatorProtocol {
    public enum Method {
        public static let registerWorker = "registerWorker"
        public static let heartbeat = "heartbeat"
        public static let submitJob = "submitJob"
        public static let runEvents = "runEvents"
        public static let listWorkers = "listWorkers"
    }

    /// A worker announcing itself: where it serves tasks and shuffle output, and how many tasks it
    /// runs at once.
    public struct RegisterWorkerRequest: Codable, Sendable {
        public var host: String
        public var port: Int
        public var slotCount: Int
    }

    public struct RegisterWorkerAnswer: Codable, Sendable {
        public var workerId: String
        public var heartbeatIntervalMillis: Int
    }

    public struct HeartbeatRequest: Codable, Sendable {
        public var workerId: String
    }

    /// `isKnown` false tells a worker the coordinator forgot it (declared it dead, or restarted):
    /// it registers again.
    public struct HeartbeatAnswer: Codable, Sendable {
        public var isKnown: Bool
    }

    /// A job to run on the cluster: which compiled-in job, its raw options, and the settings of
    /// its `ExecutionConfig`.
    public struct SubmitJobRequest: Codable, Sendable {
        public var jobName: String
        public var arguments: [String]
        public var settings: JobSettings
    }

    public struct SubmitJobAnswer: Codable, Sendable {
        public var runId: String
    }

    /// Asks for the events of a run after `afterSequence`; the coordinator holds the call until
    /// there is one or the run ended (a long poll).
    public struct RunEventsRequest: Codable, Sendable {
        public var runId: String
        public var afterSequence: Int
    }

    public struct RunEventsAnswer: Codable, Sendable {
        public var events: [JobEventWire]
        /// The sequence number of the last event included (or `afterSequence` when none).
        public var lastSequence: Int
        /// Set once the run ended and every event was delivered.
        public var outcome: RunOutcome?
    }

    /// How a run ended: the job's summary, or why it failed.
    public struct RunOutcome: Codable, Sendable {
        public var summaryLines: [String]?
        public var failure: RunFailure?
    }

    /// A failure as the submitter rebuilds it: a `JobFailure` when a task failed, else a `SluiceError`.
    public struct RunFailure: Codable, Sendable {
        public var jobFailure: JobFailureWire?
        /// `SluiceError.Fault` raw value.
        public var fault: String
        public var message: String
    }

    public struct ListWorkersRequest: Codable, Sendable {
        public init() {}
    }

    public struct WorkerStatus: Codable, Sendable {
        public var workerId: String
        public var address: String
        public var slotCount: Int
        public var runningTaskCount: Int
        /// Task attempts started on the worker since it registered.
        public var startedTaskCount: Int?
        /// Of those, attempts of tasks with preferred hosts (input blocks), and of these the ones
        /// that ran on such a host; nil from coordinators that do not count them.
        public var startedPreferringTaskCount: Int?
        public var startedDataLocalTaskCount: Int?
    }

    public struct ListWorkersAnswer: Codable, Sendable {
        public var workers: [WorkerStatus]
    }
}

/// `JobFailure` on the wire.
public struct JobFailureWire: Codable, Sendable {
    public var jobName: String
    public var stageId: Int
    public var stageName: String
    public var partition: Int
    public var attemptCount: Int
    public var cause: String

    init(_ failure: JobFailure) {
        jobName = failure.jobName
        stageId = failure.stageId
        stageName = failure.stageName
        partition = failure.partition
        attemptCount = failure.attemptCount
        cause = failure.cause
    }

    var failure: JobFailure {
        JobFailure(jobName: jobName, stageId: stageId, stageName: stageName, partition: partition, attemptCount: attemptCount, cause: cause)
    }
}
