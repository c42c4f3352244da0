/// A `JobEvent` on the wire, one JSON object per event: `kind` says which, and only that kind's
/// fields are set.
public struct JobEventWire: Codable, Sendable {
    public var kind: String
    public var jobId: Int?
    public var name: String?
    public var stageId: Int?
    public var stageKind: String?
    public var taskCount: Int?
    public var partition: Int?
    public var attemptNumber: Int?
    public var metrics: TaskMetricsWire?
    public var failure: String?
    public var elapsedMillis: Int64?

    private init(kind: String) {
        self.kind = kind
    }

    public init(_ event: JobEvent) {
        switch event {
        case .jobStarted(let jobId, let name):
            self.init(kind: "jobStarted")
            self.jobId = jobId
            self.name = name
        case .stageStarted(let progress):
            self.init(kind: "stageStarted")
            stageId = progress.stageId
            name = progress.name
            stageKind = progress.kind.rawValue
            taskCount = progress.taskCount
        case .taskStarted(let stageId, let partition, let attemptNumber):
            self.init(kind: "taskStarted")
            self.stageId = stageId
            self.partition = partition
            self.attemptNumber = attemptNumber
        case .taskEnded(let stageId, let partition, let attemptNumber, let metrics, let failure):
            self.init(kind: "taskEnded")
            self.stageId = stageId
            self.partition = partition
            self.attemptNumber = attemptNumber
            self.metrics = TaskMetricsWire(metrics)
            self.failure = failure
        case .stageCompleted(let stageId, let elapsedMillis, let metrics):
            self.init(kind: "stageCompleted")
            self.stageId = stageId
            self.elapsedMillis = elapsedMillis
            self.metrics = TaskMetricsWire(metrics)
        case .jobEnded(let jobId, let elapsedMillis, let failure):
            self.init(kind: "jobEnded")
            self.jobId = jobId
            self.elapsedMillis = elapsedMillis
            self.failure = failure
        }
    }

    /// The event, or nil for a kind this build does not know.
    public var event: JobEvent? {
        switch kind {
        case "jobStarted":
            return .jobStarted(jobId: jobId ?? 0, name: name ?? "")
        case "stageStarted":
            return .stageStarted(StageProgress(stageId: stageId ?? 0, name: name ?? "",
                                               kind: StageProgress.Kind(rawValue: stageKind ?? "") ?? .result, taskCount: taskCount ?? 0))
        case "taskStarted":
            return .taskStarted(stageId: stageId ?? 0, partition: partition ?? 0, attemptNumber: attemptNumber ?? 0)
        case "taskEnded":
            return .taskEnded(stageId: stageId ?? 0, partition: partition ?? 0, attemptNumber: attemptNumber ?? 0,
                              metrics: metrics?.metrics ?? TaskMetrics(), failure: failure)
        case "stageCompleted":
            return .stageCompleted(stageId: stageId ?? 0, elapsedMillis: elapsedMillis ?? 0, metrics: metrics?.metrics ?? TaskMetrics())
        case "jobEnded":
            return .jobEnded(jobId: jobId ?? 0, elapsedMillis: elapsedMillis ?? 0, failure: failure)
        default:
            return nil
        }
    }
}
