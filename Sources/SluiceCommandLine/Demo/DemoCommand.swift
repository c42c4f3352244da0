import ArgumentParser

/// `sluice demo ...`: short live tours on the embedded defaults.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Live demonstrations on the embedded defaults.",
        subcommands: [DemoStreamCommand.self]
    )
}
