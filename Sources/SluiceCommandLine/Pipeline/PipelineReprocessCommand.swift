import ArgumentParser
import Streaming

/// `sluice pipeline reprocess NAME`: replays a kappa pipeline's topic into new tables.
struct PipelineReprocessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reprocess",
        abstract: "Kappa: replay the topic from the start into a new generation of the tables, then switch readers to it.",
        discussion: """
            The new generation is built here; when it has caught up, the views readers query \
            switch to its tables in one step. If the pipeline is running elsewhere, that process \
            takes the new generation over and carries on with it.
            """
    )

    @OptionGroup var pipeline: PipelineOptions

    func run() throws {
        let runner = try pipeline.runner()
        let outcome = try runner.reprocess()
        PipelineSwitchText.print(outcome, runner: runner)
    }
}
