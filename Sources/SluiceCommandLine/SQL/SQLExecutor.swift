import SQL
import SluiceCore

/// What the `sql` command and shell need from the engine: run one statement, and name and
/// describe tables for `.tables` and `.schema`. `SQLSession` is the real one; tests put in fakes
/// so the shell can be tested without the engine.
protocol SQLExecutor {
    /// Runs one statement (its text without the ending `;`).
    /// - Parameter progress: where scans report the bytes they read, for a progress bar; nil
    ///   when nobody watches.
    /// - Throws: `SluiceError` (or `SQLSyntaxError`) for a statement that fails.
    func execute(_ sql: String, progress: QueryProgress?) throws -> QueryResult

    /// The names of the tables, sorted.
    func tableNames() throws -> [String]

    /// The columns of the table called `name`.
    /// - Throws: `SluiceError` (`.notFound`) when there is no such table.
    func schema(ofTable name: String) throws -> Schema
}

extension SQLSession: SQLExecutor {
    func execute(_ sql: String, progress: QueryProgress?) throws -> QueryResult {
        guard let progress else { return try execute(sql) }
        // The progress sink travels in the execution context, which a session holds; a session
        // is two references, so one per watched statement costs nothing.
        var watchedContext = context
        watchedContext.progress = progress
        return try SQLSession(catalog: catalog, context: watchedContext).execute(sql)
    }

    func tableNames() throws -> [String] {
        try catalog.tableNames()
    }

    func schema(ofTable name: String) throws -> Schema {
        try catalog.table(named: name, at: .latest).schema
    }
}
