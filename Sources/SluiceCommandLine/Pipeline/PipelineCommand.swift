import ArgumentParser

/// `sluice pipeline ...`: the stream pipelines compiled into this binary.
struct PipelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Run stream pipelines: kappa (stream only) and lambda (batch + speed layers).",
        discussion: """
            A pipeline reads a topic (over --broker, or the embedded store) and keeps tables in \
            the warehouse, which 'sluice sql' queries through views named after its outputs. \
            Its state and checkpoints live in <warehouse>/_pipelines/<name>/.
            """,
        subcommands: [PipelineListCommand.self, PipelineRunCommand.self, PipelineReprocessCommand.self,
                      PipelineBatchCommand.self, PipelineStatusCommand.self]
    )
}
