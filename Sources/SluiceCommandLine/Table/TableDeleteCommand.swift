import ArgumentParser
import SluiceCore
import Warehouse

/// `sluice table delete NAME --where ...`: removes matching rows in one commit.
struct TableDeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete the rows matching every --where predicate, in one new version.",
        discussion: """
            Only data files that may hold matching rows are read; each is replaced by a file of \
            its other rows. Older versions keep the deleted rows for time travel (`table cat \
            --version`) until the table is vacuumed. When no row matches, nothing is committed.
            """
    )

    @Argument(help: "The table name.")
    var name: String

    @OptionGroup var warehouse: WarehouseOptions

    @Option(name: .customLong("where"), help: ArgumentHelp("Delete rows matching 'column op value' (repeatable; all must hold).", valueName: "predicate"))
    var predicates: [String] = []

    func validate() throws {
        if predicates.isEmpty { throw ValidationError("give at least one --where predicate") }
    }

    func run() throws {
        let table = try warehouse.location().openTable(name)
        let snapshot = try table.snapshot()
        let filters = try TableFilter.predicates(predicates, schema: snapshot.schema, tableName: name)
        let result: CommitResult?
        do {
            result = try table.delete(where: filters)
        } catch let error as SluiceError {
            throw error.explainingCommitConflict(table: name)
        }
        let condition = filters.map(\.description).joined(separator: " AND ")
        guard let result else {
            writeStandardError("no rows of table '\(name)' match \(condition); nothing deleted, the table stays at version \(snapshot.version)\n")
            return
        }
        let deleted = result.metrics["numDeletedRows"]?.integerValue ?? 0
        writeStandardError("deleted \(deleted) row\(deleted == 1 ? "" : "s") from table '\(name)' (\(result.removedFiles) data file(s) removed, \(result.addedFiles) written): version \(result.version)\n")
    }
}
