/// One round of a running pipeline: a micro-batch of each of its queries.
public struct PipelineRound: Sendable, Equatable {
    /// The generation readers saw when the round started.
    public var generation: Int
    /// Records the round processed: each query reads every record, so this is the most any
    /// one query read.
    public var recordsRead: Int64 { recordsReadByQuery.values.max() ?? 0 }
    private var recordsReadByQuery: [String: Int64] = [:]
    public var lateRecords: Int64 = 0
    /// Records that did not go through (dead letters): each query meets the same bad records,
    /// so this is the most any one query met.
    public var deadLetters: Int64 { deadLettersByQuery.values.max() ?? 0 }
    private var deadLettersByQuery: [String: Int64] = [:]
    public var rowsCommitted = 0
    /// Set when readers were switched to this generation during the round.
    public var switchedGeneration: Int?
    /// The newest watermark any query reported, in milliseconds since the epoch.
    public var watermarkMillis: Int64?

    public init(generation: Int) {
        self.generation = generation
    }

    mutating func add(_ progress: BatchProgress, query: String) {
        guard progress.batchId >= 0 else { return }
        recordsReadByQuery[query, default: 0] += progress.recordsRead
        lateRecords += progress.lateRecordCount
        deadLettersByQuery[query, default: 0] += progress.deadLetterCount
        rowsCommitted += progress.rowsCommitted
        if let watermark = progress.watermarkMillis { watermarkMillis = max(watermarkMillis ?? watermark, watermark) }
    }
}

/// What a `PipelineRunner.run` did in all.
public struct PipelineRunSummary: Sendable, Equatable {
    public var rounds = 0
    public var recordsRead: Int64 = 0
    public var lateRecords: Int64 = 0
    public var deadLetters: Int64 = 0
    public var rowsCommitted = 0
    /// Generations readers were switched to during the run, in order.
    public var switchedGenerations: [Int] = []

    public init() {}

    mutating func add(_ round: PipelineRound) {
        rounds += 1
        recordsRead += round.recordsRead
        lateRecords += round.lateRecords
        deadLetters += round.deadLetters
        rowsCommitted += round.rowsCommitted
        if let switched = round.switchedGeneration { switchedGenerations.append(switched) }
    }
}

/// The outcome of `reprocess` or a batch run: the generation readers now see.
public struct PipelineGenerationSwitch: Sendable, Equatable {
    public var generation: Int
    /// The pipeline was running in another process, which switched to the generation.
    public var handedOver: Bool
    /// Lambda: the master dataset's version the batch view covers, and the cut (per partition,
    /// the first offset the speed layer counts).
    public var masterVersion: Int64?
    public var cutOffsets: [Int64]?
    /// Lambda: where the batch layer's job ran (`local[N]` or `sluice://HOST:PORT`) and how
    /// many tasks it finished.
    public var batchLayerMaster: String?
    public var batchLayerTaskCount: Int?

    public init(generation: Int, handedOver: Bool, masterVersion: Int64? = nil, cutOffsets: [Int64]? = nil) {
        self.generation = generation
        self.handedOver = handedOver
        self.masterVersion = masterVersion
        self.cutOffsets = cutOffsets
    }
}
