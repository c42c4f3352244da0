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
        return PipelineStatus(pipelineName: definition.name, shape: shape, sourceTopic: definition.sourceTopic,
                              servedNames: definition.servedNames, currentGeneration: state.currentGeneration,
                              generations: generations, topicEndOffsets: endOffsets,
                              handedOverGeneration: try readHandover()?.number)
    }
}
