import ArgumentParser

/// The `--warehouse DIR` option every table command takes.
struct WarehouseOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The warehouse folder (default: $SLUICE_WAREHOUSE, else ./warehouse).",
        valueName: "dir"))
    var warehouse: String?

    /// The warehouse this command works on.
    /// - Throws: `SluiceError` (user input) for a location that does not resolve.
    func location() throws -> WarehouseLocation {
        try WarehouseLocation(option: warehouse)
    }
}
