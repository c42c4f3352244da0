import ArgumentParser

/// `sluice parquet ...`: look inside Parquet files.
struct ParquetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parquet",
        abstract: "Inspect and print Parquet files.",
        subcommands: [ParquetInspectCommand.self, ParquetCatCommand.self]
    )
}
