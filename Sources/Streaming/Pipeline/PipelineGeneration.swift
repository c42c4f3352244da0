/// One generation of a pipeline: its stream queries' context and where its tables go.
///
/// A kappa pipeline's generation 1 is its first run; `reprocess` makes the next. A lambda
/// pipeline makes a generation per batch run. Generation N's tables are `<output>_g<N>` in the
/// warehouse, its checkpoints `<warehouse>/_pipelines/<pipeline>/g<N>/<output>`, and its table
/// sinks' transaction ids `<pipeline>.g<N>.<output>`.
public struct PipelineGeneration: Sendable {
    public let pipelineName: String
    public let number: Int
    /// Streams of this generation come from here; its configuration carries the generation's
    /// checkpoint folder and transaction id prefix.
    public let context: StreamingContext
    /// Where the source starts on the generation's first batch.
    public let startingAt: StartingPosition
    /// The warehouse location the tables go to.
    public let warehouse: String

    public init(pipelineName: String, number: Int, context: StreamingContext, startingAt: StartingPosition, warehouse: String) {
        self.pipelineName = pipelineName
        self.number = number
        self.context = context
        self.startingAt = startingAt
        self.warehouse = warehouse
    }

    /// The table name of an output in this generation.
    public func tableName(_ output: String) -> String { "\(output)_g\(number)" }

    /// The location of an output's table in this generation.
    public func tableLocation(_ output: String) -> String { PipelineLocations.join(warehouse, tableName(output)) }
}
