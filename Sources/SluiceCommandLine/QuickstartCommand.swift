import ArgumentParser
import SluiceCore

/// `sluice quickstart`: the main job on the embedded defaults, no set-up needed.
struct QuickstartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quickstart",
        abstract: "Import a sample dataset to Parquet and print it (runs from the project folder)."
    )

    @Option(help: "The sample file to import.")
    var input = "datasets/orders.csv"

    @Option(help: "Where to write the Parquet file.")
    var output = ".build/quickstart/orders.parquet"

    @Option(help: "Rows to print.")
    var limit = 15

    func run() throws {
        guard LocalFileSystem().exists(input) else {
            throw SluiceError.userInput("'\(input)' not found; run quickstart from the project folder, or pass --input FILE")
        }
        try ImportCommand.parse([input, "--to", output, "--overwrite"]).run()
        try ParquetInspectCommand.parse([output, "--summary"]).run()
        try ParquetCatCommand.parse([output, "--limit", String(limit)]).run()
    }
}
