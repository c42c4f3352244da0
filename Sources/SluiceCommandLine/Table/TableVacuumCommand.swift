import ArgumentParser
import SluiceCore
import Warehouse

/// `sluice table vacuum NAME`: deletes files no version needs any more.
struct TableVacuumCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vacuum",
        abstract: "Delete data files removed (or never committed) longer ago than the retention period.",
        discussion: """
            The default retention is the table's delta.deletedFileRetentionDuration, else 7 days \
            (168 hours). A shorter one is refused unless --force: time travel to older versions \
            and readers still scanning them need those files.
            """
    )

    @Argument(help: "The table name.")
    var name: String

    @OptionGroup var warehouse: WarehouseOptions

    @Option(help: "Keep files removed less than this many hours ago.")
    var retain: Double?

    @Flag(help: "Allow a retention shorter than the table's.")
    var force = false

    @Flag(help: "List what would be deleted, delete nothing.")
    var dryRun = false

    func validate() throws {
        if let retain, retain < 0 { throw ValidationError("--retain must not be negative") }
    }

    func run() throws {
        let table = try warehouse.location().openTable(name)
        let result = try table.vacuum(retentionHours: retain, force: force, dryRun: dryRun)
        let output = StandardOutput()
        for path in result.deletedFiles { output.write(path + "\n") }
        output.flush()
        let verb = dryRun ? "would delete" : "deleted"
        writeStandardError("\(verb) \(result.deletedFiles.count) file(s), \(result.deletedBytes) bytes, from table '\(name)' (retention \(result.retentionHours) hours)\n")
    }
}
