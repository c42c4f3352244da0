import SluiceCore

/// The names a query can use: warehouse tables, files registered under a name, and files named
/// in the query itself. Also where `CREATE`, `INSERT`, `DELETE` and `DROP` land.
///
/// Threading: implementations are safe to call from several sessions at once.
public protocol Catalog: Sendable {
    /// The names of the tables, sorted.
    func tableNames() throws -> [String]

    /// The source named `name` (case-insensitive), at `version` for time travel.
    /// - Throws: `SluiceError` with condition `.notFound` when there is no such table (the
    ///   binder adds the "did you mean" suggestion), or when the version does not exist.
    func table(named name: String, at version: TableVersion) throws -> any TableSource

    /// A source over files named in a query: `FROM 'x.parquet'`, `read_parquet('dir/*.parquet')`,
    /// `read_csv('x.csv')`, `read_json('x.jsonl')`. `format` nil means: from the extension.
    /// - Throws: `SluiceError` `.userInput` naming the path when nothing matches or the format is
    ///   unknown; `.data` when the file is malformed.
    func files(_ pathOrGlob: String, format: FileFormat?) throws -> any TableSource

    /// Creates an empty table. - Throws: `.alreadyExists` unless `ifNotExists`.
    func createTable(named name: String, schema: Schema, partitionColumns: [String], ifNotExists: Bool) throws

    /// Appends batches to a table in one atomic commit; returns the number of rows written.
    func insert(into name: String, batches: [RecordBatch]) throws -> Int

    /// Deletes the rows where `predicate` (over the table's columns, by position) is TRUE, in one
    /// commit; returns the number of rows deleted.
    func delete(from name: String, where predicate: PhysicalExpression?, context: ExecutionContext) throws -> Int

    /// Removes a table and its files. - Throws: `.notFound` unless `ifExists`.
    func dropTable(named name: String, ifExists: Bool) throws

    /// The SQL text of the view `name` (case-insensitive), or nil when there is no such view.
    func viewDefinition(named name: String) throws -> String?

    /// Stores a view: `definition` is one query's SQL text, already checked by the caller.
    /// - Throws: `.alreadyExists` when a table or (unless `replace`) a view has the name, unless
    ///   `ifNotExists`.
    func createView(named name: String, definition: String, replace: Bool, ifNotExists: Bool) throws

    /// Removes a view. - Throws: `.notFound` unless `ifExists`.
    func dropView(named name: String, ifExists: Bool) throws
}

extension Catalog {
    /// Catalogs without a place to keep views have none.
    public func viewDefinition(named name: String) throws -> String? { nil }

    public func createView(named name: String, definition: String, replace: Bool, ifNotExists: Bool) throws {
        throw SluiceError.userInput("this catalog cannot store views")
    }

    public func dropView(named name: String, ifExists: Bool) throws {
        if ifExists { return }
        throw SluiceError(.userInput, "no view '\(name)'", condition: .notFound)
    }
}

/// Which version of a table a query reads.
public enum TableVersion: Sendable, Equatable {
    case latest
    /// `VERSION AS OF n`.
    case number(Int64)
    /// `TIMESTAMP AS OF '...'`: the newest version committed at or before this instant
    /// (milliseconds since the Unix epoch).
    case asOfMillis(Int64)
}

/// The file formats `FROM` reads.
public enum FileFormat: String, Sendable, Equatable {
    case parquet, csv, jsonLines = "json"
}
