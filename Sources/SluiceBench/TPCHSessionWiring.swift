import SQL
import SluiceCore

/// Where the TPC-H benchmark meets the SQL engine: how a session over the
/// TPC-H Parquet files is built. Nothing else in the benchmark names a catalog.
enum TPCHSessionWiring {
    /// Runs SQL text against a session whose tables are `<dataDirectory>/<name>.parquet`, each
    /// named after its file, with `context`'s threads.
    static func makeQueryRunner(dataDirectory: String, tableNames: [String],
                                context: ExecutionContext) throws -> (String) throws -> QueryResult {
        let catalog = WarehouseCatalog(fileSystem: LocalFileSystem(), root: dataDirectory)
        for name in tableNames {
            try catalog.register(name: name, path: dataDirectory + "/" + name + ".parquet")
        }
        let session = SQLSession(catalog: catalog, context: context)
        return { text in try session.execute(text) }
    }
}
