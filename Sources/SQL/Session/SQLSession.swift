import SQLParser
import SluiceCore

/// The SQL engine as a library: parse, bind, optimize, plan and run statements against a
/// catalog.
///
/// ```swift
/// let session = SQLSession(catalog: try WarehouseCatalog(root: "warehouse"))
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
        _ = AllocatorTuning.applied
    }

    /// Runs one statement (`?` and `$1` placeholders take `parameters`, never pasted into the
    /// text) and returns its whole result.
    /// - Throws: `SluiceError` `.userInput` for syntax, name and type errors (located at the line
    ///   and column of the offending text), `.data` for runtime failures (division by zero, bad
    ///   casts, overflow).
    public func query(_ sql: String, parameters: [Value] = []) async throws -> QueryResult {
        try execute(sql, parameters: parameters)
    }

    /// `query` without `async`, for command-line tools and tests.
    public func execute(_ sql: String, parameters: [Value] = [], context: ExecutionContext? = nil) throws -> QueryResult {
        let statement: Statement
        do { statement = try Parser.parseStatement(sql) } catch { throw error.sluiceError }
        return try StatementRunner(catalog: catalog, context: context ?? self.context, parameters: parameters).run(statement)
    }

    /// Runs a script of statements separated by `;`, returning each statement's result; stops
    /// at the first failing statement.
    public func executeScript(_ sql: String, context: ExecutionContext? = nil) throws -> [QueryResult] {
        let statements: [Statement]
        do { statements = try Parser.parseStatements(sql) } catch { throw error.sluiceError }
        let runner = StatementRunner(catalog: catalog, context: context ?? self.context, parameters: [])
        return try statements.map { try runner.run($0) }
    }

    /// The statements of a script, parsed, for tools that run them one at a time.
    public static func splitStatements(_ sql: String) throws -> [String] {
        let statements: [Statement]
        do { statements = try Parser.parseStatements(sql) } catch { throw error.sluiceError }
        let bytes = Array(sql.utf8)
        return statements.map { statement in
            let range = statement.range
            return String(decoding: bytes[range.start.offset..<min(bytes.count, range.end.offset)], as: UTF8.self)
        }
    }
}
