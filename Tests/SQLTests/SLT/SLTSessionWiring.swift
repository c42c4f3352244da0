import SQL
import SluiceCore

/// THE WIRING POINT between the sqllogictest runner and the SQL engine. Nothing else in the
/// runner names a catalog.
enum SLTSessionWiring {
    /// The name `onlyif` and `skipif` lines use for Sluice.
    static let engineName = "sluice"

    /// A fresh session whose warehouse lives in `warehouseDirectory` (an empty temporary folder
    /// per file, holding copies of the fixture files): `CREATE TABLE` puts tables there and
    /// `FROM '<path>'` reads the files.
    ///
    /// Until the warehouse catalog lands this throws, so every file fails naming this function.
    /// The body to put here once `WarehouseCatalog` exists:
    ///
    /// ```swift
    /// let catalog = try WarehouseCatalog(fileSystem: LocalFileSystem(), root: warehouseDirectory)
    /// let session = SQLSession(catalog: catalog, context: ExecutionContext(threadCount: 2))
    /// return SLTExecutor { sql in try session.execute(sql) }
    /// ```
    static func makeExecutor(warehouseDirectory: String) throws -> SLTExecutor {
        throw SluiceError.internal("""
            the sqllogictest runner is not wired to the SQL engine yet: SLTSessionWiring.makeExecutor must build \
            an SQLSession over a warehouse in \(warehouseDirectory)
            """)
    }
}
