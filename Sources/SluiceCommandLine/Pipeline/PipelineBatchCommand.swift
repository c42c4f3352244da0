import ArgumentParser
import Streaming

/// `sluice pipeline batch NAME`: one run of a lambda pipeline's batch layer.
struct PipelineBatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Lambda: recompute the batch view from the master dataset and switch the serving view to it.",
        discussion: """
            The batch view covers the master dataset as it is now; a new speed layer counts \
            the records after it, and the serving view switches to both together. If the \
            pipeline is running elsewhere, that process takes the new generation over.
            """
    )

    @OptionGroup var pipeline: PipelineOptions

    func run() throws {
        let runner = try pipeline.runner()
        let outcome = try runner.runBatchLayer()
        PipelineSwitchText.print(outcome, runner: runner)
    }
}
