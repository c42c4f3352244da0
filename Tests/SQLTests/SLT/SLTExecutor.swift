import SQL

/// Runs one SQL statement and returns its whole result: the engine side of a sqllogictest run.
/// The runner takes an executor instead of building a session, so the one place that knows how
/// a session over a warehouse folder is made is `SLTSessionWiring.makeExecutor`.
///
/// Threading: one executor serves one file, whose records run one after another.
struct SLTExecutor {
    let execute: (String) throws -> QueryResult
}
