import ArgumentParser

/// `sluice table ...`: create, list, describe, read and change warehouse tables.
struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Create, list, describe, read and change warehouse tables (Delta Lake format).",
        discussion: """
            A warehouse is a folder with one subfolder per table: --warehouse DIR, else \
            $SLUICE_WAREHOUSE, else ./warehouse. Table names use letters, digits, '_' and '-'. \
            Commands that change a table print a status line on standard error; standard output \
            carries only data. Load files into tables with `sluice import FILE --table NAME`.
            """,
        subcommands: [
            TableCreateCommand.self, TableListCommand.self, TableDescribeCommand.self, TableHistoryCommand.self,
            TableCatCommand.self, TableDeleteCommand.self, TableOptimizeCommand.self, TableVacuumCommand.self,
        ]
    )
}
