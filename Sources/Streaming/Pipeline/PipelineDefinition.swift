/// A named stream pipeline that `sluice pipeline run|reprocess|batch|status` drive: the topic it
/// reads and the layers that make its tables.
///
/// A value type; `Sendable`. Definitions are code compiled into the binary (`Jobs/` registers
/// the examples), like batch jobs.
public struct PipelineDefinition: Sendable {
    public let name: String
    /// One line for `sluice pipeline list`.
    public let summary: String
    /// The topic the pipeline reads.
    public let sourceTopic: String
    /// Partitions of the source topic when a run has to create it.
    public let sourcePartitionCount: Int
    public let shape: PipelineShape
    /// Sample events for the source topic from a seed, for demos; nil when the pipeline has none.
    public let sampleEvents: (@Sendable (_ seed: UInt64) -> SampleEventSource)?

    public init(name: String, summary: String, sourceTopic: String, sourcePartitionCount: Int = 2, shape: PipelineShape,
                sampleEvents: (@Sendable (_ seed: UInt64) -> SampleEventSource)? = nil) {
        self.name = name
        self.summary = summary
        self.sourceTopic = sourceTopic
        self.sourcePartitionCount = sourcePartitionCount
        self.shape = shape
        self.sampleEvents = sampleEvents
    }

    /// The names readers query: the kappa outputs, or the lambda serving views.
    public var servedNames: [String] {
        switch shape {
        case .kappa(let layers): return layers.outputs
        case .lambda(let layers): return layers.views.map(\.servingView)
        }
    }
}

/// The two ways a pipeline is put together.
public enum PipelineShape: Sendable {
    /// Stream only; reprocessing replays the topic into a new generation of the tables.
    case kappa(KappaLayers)
    /// Master dataset + batch layer + speed layer, merged by serving views.
    case lambda(LambdaLayers)
}
