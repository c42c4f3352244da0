import ArgumentParser
import SluiceCore
import Warehouse

/// `sluice table optimize NAME`: compacts small files.
struct TableOptimizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Merge small data files into files of the target size, sorted by the table's sort key.",
        discussion: """
            Rows do not change, only how they are laid out: the old files become tombstones \
            (older versions still read them) until the table is vacuumed.
            """
    )

    @Argument(help: "The table name.")
    var name: String

    @OptionGroup var warehouse: WarehouseOptions

    @Option(help: "Target data file size in MiB (default: the table's delta.targetFileSize, else 128).")
    var targetSizeMib: Int?

    @Option(name: .customLong("where"), help: ArgumentHelp("Only partitions matching 'partition_column op value' (repeatable).", valueName: "predicate"))
    var predicates: [String] = []

    func validate() throws {
        if let targetSizeMib, targetSizeMib < 1 { throw ValidationError("--target-size-mib must be at least 1") }
    }

    func run() throws {
        let table = try warehouse.location().openTable(name)
        let filters = try TableFilter.predicates(predicates, schema: table.snapshot().schema, tableName: name)
        let result: CommitResult?
        do {
            result = try table.optimize(targetFileSizeBytes: targetSizeMib.map { $0 * 1024 * 1024 }, predicates: filters)
        } catch let error as SluiceError {
            throw error.explainingCommitConflict(table: name)
        }
        guard let result else {
            writeStandardError("table '\(name)' has no small files to merge; nothing committed\n")
            return
        }
        writeStandardError("optimized table '\(name)': \(result.removedFiles) file(s) merged into \(result.addedFiles): version \(result.version)\n")
    }
}
