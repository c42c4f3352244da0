import ArgumentParser

/// `sluice job status|history`: the runs `sluice submit` recorded.
struct JobCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job",
        abstract: "Show submitted job runs from the job history ($SLUICE_HOME or ~/.sluice).",
        subcommands: [JobStatusCommand.self, JobHistoryCommand.self]
    )
}
