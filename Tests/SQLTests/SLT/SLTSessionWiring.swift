import SQL
import SluiceCore

/// Where the sqllogictest runner meets the SQL engine. Nothing else in the
/// runner names a catalog.
enum SLTSessionWiring {
    /// The name `onlyif` and `skipif` lines use for Sluice.
    static let engineName = "sluice"

    /// A fresh session whose warehouse lives in `warehouseDirectory` (an empty temporary folder
    /// per file, holding copies of the fixture files): `CREATE TABLE` puts tables there and
    /// `FROM '<path>'` reads the files.
    static func makeExecutor(warehouseDirectory: String) throws -> SLTExecutor {
        let catalog = WarehouseCatalog(fileSystem: LocalFileSystem(), root: warehouseDirectory)
        let session = SQLSession(catalog: catalog, context: ExecutionContext(threadCount: 2))
        return SLTExecutor { sql in try session.execute(sql) }
    }
}
