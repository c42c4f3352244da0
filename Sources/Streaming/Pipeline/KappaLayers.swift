/// A kappa pipeline: everything is a stream. Each output is a table per generation
/// (`<output>_g<N>`), and readers query a view named after the output that selects from the
/// current generation's table; reprocessing builds the next generation from the start of the
/// topic and switches the views when it has caught up.
public struct KappaLayers: Sendable {
    /// The names readers use, one view per output, in the order `queries` returns their queries.
    public var outputs: [String]
    /// A generation's stream queries, one per output, each writing
    /// `generation.tableLocation(output)` with `queryName: output`.
    public var queries: @Sendable (PipelineGeneration) throws -> [StreamQuery]

    public init(outputs: [String], queries: @escaping @Sendable (PipelineGeneration) throws -> [StreamQuery]) {
        self.outputs = outputs
        self.queries = queries
    }
}
