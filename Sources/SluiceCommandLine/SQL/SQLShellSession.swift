import SQL
import SluiceCore

/// Opens the SQL session the `sql` command runs statements in.
enum SQLShellSession {
    /// A session over the tables of `warehouse`, running statements with `context`'s threads and
    /// memory limit.
    /// - Throws: `SluiceError` when the warehouse cannot be opened.
    static func open(warehouse: WarehouseLocation, context: ExecutionContext) throws -> SQLSession {
        SQLSession(catalog: WarehouseCatalog(fileSystem: warehouse.fileSystem, root: warehouse.path), context: context)
    }
}
