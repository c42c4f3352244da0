import SQL
import SluiceCore

/// Opens the SQL session the `sql` command runs statements in.
enum SQLShellSession {
    /// A session over the tables of `warehouse`, running statements with `context`'s threads and
    /// memory limit.
    /// - Throws: `SluiceError` when the warehouse cannot be opened.
    static func open(warehouse: WarehouseLocation, context: ExecutionContext) throws -> SQLSession {
        // REPLACE when the warehouse catalog lands:
        //     SQLSession(catalog: WarehouseCatalog(fileSystem: warehouse.fileSystem, root: warehouse.path), context: context)
        _ = warehouse
        return SQLSession(catalog: PlaceholderCatalog(), context: context)
    }
}

/// REPLACE: a stand-in catalog with no tables, until `WarehouseCatalog` is linked in. It exists
/// only so the command builds and its tests run; delete it with the line above.
private struct PlaceholderCatalog: Catalog {
    func tableNames() throws -> [String] { [] }

    func table(named name: String, at version: TableVersion) throws -> any TableSource {
        throw SluiceError(.userInput, "no table '\(name)'", condition: .notFound)
    }

    func files(_ pathOrGlob: String, format: FileFormat?) throws -> any TableSource {
        throw SluiceError.userInput("reading files from SQL is not available yet: '\(pathOrGlob)'")
    }

    func createTable(named name: String, schema: Schema, partitionColumns: [String], ifNotExists: Bool) throws {
        throw SluiceError.userInput("creating tables from SQL is not available yet")
    }

    func insert(into name: String, batches: [RecordBatch]) throws -> Int {
        throw SluiceError(.userInput, "no table '\(name)'", condition: .notFound)
    }

    func delete(from name: String, where predicate: PhysicalExpression?, context: ExecutionContext) throws -> Int {
        throw SluiceError(.userInput, "no table '\(name)'", condition: .notFound)
    }

    func dropTable(named name: String, ifExists: Bool) throws {
        if !ifExists { throw SluiceError(.userInput, "no table '\(name)'", condition: .notFound) }
    }
}
