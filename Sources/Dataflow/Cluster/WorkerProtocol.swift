import Foundation

/// A worker's calls: `/rpc/runTask` and `/rpc/endRun` from the coordinator (JSON), and
/// `GET /shuffle/<runId>/<shuffleId>/<mapPartition>/<reducePartition>` from other workers (the
/// segment bytes, concatenated). The run id is in the shuffle path because shuffle ids restart at
/// 0 in every run and several runs may share the workers.
public enum WorkerProtocol {
    public enum Method {
        public static let runTask = "runTask"
        public static let endRun = "endRun"
    }

    /// Which task of the run's DAG to run.
    public enum TaskTarget: Codable, Sendable, Equatable {
        /// A map task of the stage that writes shuffle `shuffleId`.
        case shuffleMap(shuffleId: Int)
        /// A result task of the `jobId`-th action of the job code.
        case result(jobId: Int)
    }

    /// Everything a worker needs to rebuild a job's DAG and run one task of it: the job and its
    /// arguments, the target stage, the partition and attempt, where the map output it reads is,
    /// and the results of the actions before it (the job code may depend on them).
    public struct TaskDescription: Codable, Sendable {
        public var runId: String
        public var jobName: String
        /// The job's options as `--name value` pairs, already checked by the coordinator.
        public var arguments: [String: String]
        public var settings: JobSettings
        public var target: TaskTarget
        /// The coordinator's stage id, for messages and metrics.
        public var stageId: Int
        public var partition: Int
        public var attemptNumber: Int
        /// Shuffle id → worker address of each map partition's output.
        public var shuffleLocations: [Int: [String]]
        /// Results of earlier actions, by action: partition → result bytes, or nil when the result
        /// type cannot be encoded.
        public var earlierResults: [Int: EncodedJobResults]
        /// What the shuffle's preparation produced (a sort's range bounds), for map tasks.
        public var preparedBytes: Data?
    }

    /// One action's results, encoded with `TaskResultCodec`.
    public struct EncodedJobResults: Codable, Sendable {
        /// Partition → bytes; nil when the action's result type cannot travel.
        public var resultsByPartition: [Int: Data]?
        public var typeName: String
    }

    /// How the task ended on the worker.
    public struct TaskReport: Codable, Sendable {
        public enum Status: String, Codable, Sendable {
            case succeeded
            /// The task's input map output was not there: the coordinator re-runs that map task.
            case fetchFailed
            /// The task threw: retried elsewhere up to the attempt limit.
            case failed
        }

        public var status: Status
        /// The encoded result of a successful task.
        public var result: Data?
        public var metrics: TaskMetricsWire
        public var failureMessage: String?
        public var fetchFailureShuffleId: Int?
        public var fetchFailureMapPartition: Int?
    }

    public struct EndRunRequest: Codable, Sendable {
        public var runId: String
    }

    public struct Empty: Codable, Sendable {
        public init() {}
    }
}
