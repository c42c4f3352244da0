import SluiceCore

/// The SQL engine as a library: parse, bind, optimize, plan and run statements against a
/// catalog.
///
/// ```swift
/// let session = try SQLSession(warehouse: "warehouse")
/// let result = try await session.query("SELECT count(*) FROM orders WHERE o_orderdate >= ?",
///                                      parameters: [.date(19_000)])
/// ```
///
/// Threading: a session may run several statements at once; each statement uses up to
/// `context.threadCount` threads.
public final class SQLSession: Sendable {
    public let catalog: any Catalog
    public let context: ExecutionContext

    public init(catalog: any Catalog, context: ExecutionContext = ExecutionContext()) {
        self.catalog = catalog
        self.context = context
    }

    /// Runs one statement (`?` and `$1` placeholders take `parameters`, never pasted into the
    /// text) and returns its whole result.
    /// - Throws: `SluiceError` `.userInput` for syntax, name and type errors (with the line and
    ///   column), `.data` for runtime failures (division by zero, bad casts, overflow).
    public func query(_ sql: String, parameters: [Value] = []) async throws -> QueryResult {
        try execute(sql, parameters: parameters)
    }

    /// `query` without `async`, for command-line tools and tests.
    public func execute(_ sql: String, parameters: [Value] = []) throws -> QueryResult {
        throw SluiceError.internal("the SQL engine is being assembled: \(sql.prefix(40))")
    }

    /// Runs a script of statements separated by `;`, returning each statement's result.
    public func executeScript(_ sql: String) throws -> [QueryResult] {
        throw SluiceError.internal("the SQL engine is being assembled: \(sql.prefix(40))")
    }
}
