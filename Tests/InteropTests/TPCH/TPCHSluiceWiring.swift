import SQL
import SluiceCore

/// Where the TPC-H comparison meets the SQL engine: builds the Sluice side
/// that `TPCHInteropTests` checks against DuckDB. Nothing else in the harness names a catalog.
enum TPCHSluiceWiring {
    /// A runner whose statements see each of `tableNames` as a table named after it, read from
    /// `<dataDirectory>/<name>.parquet`.
    ///
    /// - Throws: whatever building the catalog throws (a missing file, a bad footer).
    static func makeRunner(dataDirectory: String, tableNames: [String]) throws -> TPCHQueryRunner {
        let catalog = WarehouseCatalog(fileSystem: LocalFileSystem(), root: dataDirectory)
        for name in tableNames {
            try catalog.register(name: name, path: dataDirectory + "/" + name + ".parquet")
        }
        let session = SQLSession(catalog: catalog, context: ExecutionContext(threadCount: 2))
        return TPCHQueryRunner { text in try session.execute(text) }
    }
}
