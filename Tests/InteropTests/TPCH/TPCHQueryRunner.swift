import SQL

/// Something that answers SQL text with a whole result: the Sluice side of the TPC-H
/// comparison. Tests take a runner instead of building a session themselves, so the one place
/// that knows how a session over the TPC-H files is made is `TPCHSluiceWiring.makeRunner`.
///
/// Threading: `execute` may be called from several tests at once (a session allows it).
struct TPCHQueryRunner: Sendable {
    let execute: @Sendable (String) throws -> QueryResult

    init(execute: @escaping @Sendable (String) throws -> QueryResult) {
        self.execute = execute
    }
}
