/// What `sluice pipeline status` shows: the generation readers see, the generations kept, and
/// how far the source topic has grown.
public struct PipelineStatus: Sendable, Equatable {
    public var pipelineName: String
    public var shape: String
    public var sourceTopic: String
    /// The names readers query (views).
    public var servedNames: [String]
    public var currentGeneration: Int
    /// Every generation made, oldest first: number, where its source started, the master
    /// dataset version (lambda), when readers switched to it.
    public var generations: [Generation]
    /// The source topic's end offset per partition.
    public var topicEndOffsets: [Int64]
    /// A generation built elsewhere and not yet switched to by the running process.
    public var handedOverGeneration: Int?
    /// The queries of the generation readers see (and, for lambda, the master dataset's
    /// ingest), with their newest checkpoints (nil before the first).
    public var queries: [Query]

    public struct Query: Sendable, Equatable {
        public var name: String
        public var checkpoint: StreamQueryCheckpoint?
        /// Records of the topic the query has yet to read (from where it starts, before its
        /// first checkpoint).
        public var lagRecords: Int64
    }

    public struct Generation: Sendable, Equatable {
        public var number: Int
        public var startOffsets: [Int64]
        public var masterVersion: Int64?
        public var createdMillis: Int64
        public var switchedMillis: Int64?
    }
}

extension PipelineRunner {
    /// The pipeline's status from its state file and the topic.
    public func status() throws -> PipelineStatus {
        let state = try readState()
        let shape: String
        switch definition.shape {
        case .kappa: shape = "kappa"
        case .lambda: shape = "lambda"
        }
        let generations = state.generations.map {
            PipelineStatus.Generation(number: $0.number, startOffsets: $0.startOffsets, masterVersion: $0.masterVersion,
                                      createdMillis: $0.createdMillis, switchedMillis: $0.switchedMillis)
        }
        let endOffsets = (try? sourceEndOffsets()) ?? []
        // Each query with where it starts reading: the generation's offsets, or the topic's start.
        var queries = try queriesOfCurrentGeneration().map { ($0, state.record(state.currentGeneration)?.startOffsets ?? []) }
        if state.currentGeneration > 0, let master = try masterIngestQuery() {
            queries.insert((master, (try? sourceStartOffsets()) ?? []), at: 0)
        }
        let queryStatuses = try queries.map { query, startOffsets -> PipelineStatus.Query in
            let checkpoint = try query.newestCheckpoint()
            let position = StreamQueryCheckpoint(batchId: -1, nextOffsets: startOffsets, watermarkMillis: nil, recordsRead: 0,
                                                 lateRecords: 0, deadLetters: 0)
            return PipelineStatus.Query(name: query.pipelineName, checkpoint: checkpoint,
                                        lagRecords: (checkpoint ?? position).lagRecords(endOffsets: endOffsets))
        }
        return PipelineStatus(pipelineName: definition.name, shape: shape, sourceTopic: definition.sourceTopic,
                              servedNames: definition.servedNames, currentGeneration: state.currentGeneration,
                              generations: generations, topicEndOffsets: endOffsets,
                              handedOverGeneration: try readHandover()?.number,
                              queries: queryStatuses)
    }
}
