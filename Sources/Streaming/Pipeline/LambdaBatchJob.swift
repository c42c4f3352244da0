import Dataflow
import SluiceCore

/// A lambda pipeline's batch layer as a Dataflow job, `<pipeline>.batch-layer`: computes every
/// answer's batch table of one generation from one version of the master dataset. The pipeline
/// runs it in its own process (`local[N]`) or submits it to a cluster's coordinator (`sluice
/// pipeline batch NAME --master sluice://HOST:PORT`), whose workers know it by name because the
/// command line registers it with the jobs (the same binary everywhere).
public enum LambdaBatchJob {
    /// The job's name for a pipeline.
    public static func jobName(of pipelineName: String) -> String { pipelineName + ".batch-layer" }

    /// The job of a lambda pipeline; nil for a kappa one.
    public static func definition(for pipeline: PipelineDefinition) -> JobDefinition? {
        guard case .lambda(let layers) = pipeline.shape else { return nil }
        let pipelineName = pipeline.name
        return JobDefinition(
            name: jobName(of: pipelineName),
            summary: "The batch layer of lambda pipeline '\(pipelineName)' (run by 'sluice pipeline batch \(pipelineName)').",
            options: [
                JobOption("warehouse", help: "the warehouse the pipeline's tables live in"),
                JobOption("master-version", help: "the master dataset's table version the batch views cover"),
                JobOption("generation", help: "the generation whose batch tables to write"),
            ],
            run: { context, arguments in
                let locations = PipelineLocations(warehouse: try arguments.string("warehouse"), pipelineName: pipelineName)
                let generation = try arguments.int("generation")
                try await computeBatchViews(layers, context: context, locations: locations,
                                            masterVersion: try arguments.int("master-version"), generation: generation)
                return JobSummary(lines: layers.views.map { "batch table \(locations.batchTable($0, generation: generation)) written" })
            })
    }

    /// The job's arguments for one batch run.
    static func arguments(locations: PipelineLocations, masterVersion: Int64, generation: Int) -> [String] {
        ["--warehouse", locations.warehouse, "--master-version", String(masterVersion), "--generation", String(generation)]
    }

    /// Writes every answer's batch table of `generation` from the master dataset as of `masterVersion`.
    static func computeBatchViews(_ layers: LambdaLayers, context: DataflowContext, locations: PipelineLocations,
                                  masterVersion: Int, generation: Int) async throws {
        let rows = try context.table(locations.tableLocation(locations.masterTable), version: masterVersion)
        for view in layers.views {
            try await view.batchLayer(rows, locations.tableLocation(locations.batchTable(view, generation: generation)))
        }
    }
}
