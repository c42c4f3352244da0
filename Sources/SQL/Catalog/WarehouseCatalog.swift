import SluiceCore
import Warehouse

/// The catalog of a warehouse folder: every subfolder with a transaction log (`_delta_log`)
/// is a table named after the folder, as `sluice table` lays them out. Files can be
/// registered under a name too (they shadow a warehouse table of the same name), and queries
/// can name files directly.
///
/// Names are case-insensitive. Unknown names throw `.notFound` with a "did you mean" when a
/// known name is close.
///
/// Threading: safe from any thread; registrations are guarded by a lock, and each call opens
/// the table or files afresh, so a query sees the newest committed version.
public final class WarehouseCatalog: Catalog, @unchecked Sendable {
    // Sendable: `registered` is guarded by `lock`; everything else is immutable.
    public let fileSystem: any FileSystem
    /// The warehouse folder, absolute within `fileSystem`.
    public let root: String
    private let lock = Mutex()
    /// Registered files by lowercased name.
    private var registered: [String: Registration] = [:]

    private struct Registration {
        let name: String
        let path: String
        let format: FileFormat?
    }

    /// - Parameters:
    ///   - root: the warehouse folder; a relative path is resolved against the working
    ///     directory. It need not exist until a table is created.
    public init(fileSystem: any FileSystem = LocalFileSystem(), root: String) {
        self.fileSystem = fileSystem
        self.root = WarehouseCatalog.absolute(root)
    }

    // MARK: - Names

    public func tableNames() throws -> [String] {
        var names = lock.withLock { registered.values.map(\.name) }
        var seen = Set(names.map { $0.lowercased() })
        names += try warehouseTableNames().filter { !seen.contains($0.lowercased()) }
        seen = Set(names.map { $0.lowercased() })
        names += try viewNames().filter { !seen.contains($0.lowercased()) }
        return names.sorted { $0.lowercased() < $1.lowercased() }
    }

    /// Exposes files under a table name: a path or glob of Parquet, CSV or JSON-lines files,
    /// relative paths resolved against the working directory. Replaces an earlier
    /// registration of the name and shadows a warehouse table of that name.
    /// - Throws: `SluiceError` (user input) when no file matches the path.
    public func register(name: String, path: String, format: FileFormat? = nil) throws {
        _ = try resolvedFiles(path)
        lock.withLock { registered[name.lowercased()] = Registration(name: name, path: path, format: format) }
    }

    /// Removes a registration; returns whether there was one.
    @discardableResult
    public func unregister(name: String) -> Bool {
        lock.withLock { registered.removeValue(forKey: name.lowercased()) != nil }
    }

    public func table(named name: String, at version: TableVersion) throws -> any TableSource {
        if let registration = lock.withLock({ registered[name.lowercased()] }) {
            guard version == .latest else {
                throw SluiceError.userInput("'\(registration.name)' is registered files, not a warehouse table; it has no versions to travel to")
            }
            return try files(registration.path, format: registration.format, displayName: registration.name)
        }
        let table = try openTable(name)
        let snapshot: Snapshot
        switch version {
        case .latest: snapshot = try table.snapshot()
        case .number(let number): snapshot = try table.snapshot(version: number)
        case .asOfMillis(let millis): snapshot = try table.snapshot(asOfMillis: millis)
        }
        return WarehouseTableSource(table: table, snapshot: snapshot, displayName: folderName(of: table))
    }

    // MARK: - Files

    public func files(_ pathOrGlob: String, format: FileFormat?) throws -> any TableSource {
        try files(pathOrGlob, format: format, displayName: "'\(pathOrGlob)'")
    }

    private func files(_ pathOrGlob: String, format: FileFormat?, displayName: String) throws -> any TableSource {
        let (fileSystem, paths) = try resolvedFiles(pathOrGlob)
        if paths.count == 1, fileSystem.exists(paths[0] + "/_delta_log") {
            // A table folder named as a path reads as that table.
            let table = try Table(fileSystem: fileSystem, path: paths[0])
            return WarehouseTableSource(table: table, snapshot: try table.snapshot(), displayName: displayName)
        }
        let chosen = try format ?? WarehouseCatalog.format(ofPath: paths[0], text: pathOrGlob)
        switch chosen {
        case .parquet:
            return try ParquetFilesSource(fileSystem: fileSystem, paths: paths, displayName: displayName)
        case .csv:
            var options = CSVOptions()
            if paths[0].lowercased().hasSuffix(".tsv") { options.delimiter = UInt8(ascii: "\t") }
            return try TextFileSource(fileSystem: fileSystem, paths: paths, format: .csv, displayName: displayName,
                                      csvOptions: options)
        case .jsonLines:
            return try TextFileSource(fileSystem: fileSystem, paths: paths, format: .jsonLines, displayName: displayName)
        }
    }

    /// The file system and the files (or one table folder) a path or glob names.
    /// - Throws: `SluiceError` (user input, `.notFound`) when nothing matches.
    private func resolvedFiles(_ pathOrGlob: String) throws -> (any FileSystem, [String]) {
        let uri = try FileURI(parsing: pathOrGlob, workingDirectory: FileSystemRegistry.currentDirectory())
        let fileSystem = uri.scheme == .file ? self.fileSystem : try FileSystemRegistry.shared.fileSystem(for: uri)
        if !FileGlob.isPattern(uri.path), let status = try? fileSystem.status(uri.path), status.isDirectory {
            guard fileSystem.exists(uri.path + "/_delta_log") else {
                throw SluiceError.userInput("'\(pathOrGlob)' is a folder; name its files, as in '\(pathOrGlob)/*.parquet'")
            }
            return (fileSystem, [uri.path])
        }
        let paths = try FileGlob.expand(uri.path, in: fileSystem)
        guard !paths.isEmpty else {
            let what = FileGlob.isPattern(uri.path) ? "no file matches" : "no file"
            throw SluiceError(.userInput, "\(what) '\(pathOrGlob)'", condition: .notFound)
        }
        return (fileSystem, paths)
    }

    /// The format a file's extension says.
    /// - Throws: `SluiceError` (user input) for an extension that names none.
    static func format(ofPath path: String, text: String) throws -> FileFormat {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let lowercased = name.lowercased()
        let trimmed = lowercased.hasSuffix(".gz") ? String(lowercased.dropLast(3)) : lowercased
        guard let dot = trimmed.lastIndex(of: ".") else {
            throw SluiceError.userInput("cannot tell the format of '\(text)' without an extension; use read_parquet, read_csv or read_json")
        }
        switch trimmed[trimmed.index(after: dot)...] {
        case "parquet", "parq", "pq": return .parquet
        case "csv", "tsv", "txt": return .csv
        case "json", "jsonl", "ndjson": return .jsonLines
        case let other:
            throw SluiceError.userInput("unknown file format '.\(other)' of '\(text)'; use read_parquet, read_csv or read_json")
        }
    }

    // MARK: - Changes

    public func createTable(named name: String, schema: Schema, partitionColumns: [String], ifNotExists: Bool) throws {
        try WarehouseCatalog.validateTableName(name)
        let isRegistered = lock.withLock { registered[name.lowercased()] != nil }
        if try viewDefinition(named: name) != nil {
            throw SluiceError(.userInput, "'\(name)' is already a view", condition: .alreadyExists)
        }
        if try isRegistered || existingFolder(name) != nil {
            if ifNotExists { return }
            throw SluiceError(.userInput, "table '\(name)' already exists", condition: .alreadyExists)
        }
        try fileSystem.makeDirectories(root)
        do {
            try Table.create(fileSystem: fileSystem, path: tablePath(name), schema: schema, partitionColumns: partitionColumns)
        } catch let error as SluiceError where error.condition == .alreadyExists {
            if ifNotExists { return }
            throw SluiceError(.userInput, "table '\(name)' already exists", condition: .alreadyExists)
        }
    }

    public func insert(into name: String, batches: [RecordBatch]) throws -> Int {
        let table = try openWritableTable(name, operation: "INSERT INTO")
        let columns = try table.snapshot().schema
        // INSERT lists values by position: give the batches the table's column names.
        let named = batches.map { batch -> RecordBatch in
            guard batch.schema.count == columns.count,
                  zip(batch.schema.fields, columns.fields).contains(where: { $0.name != $1.name }) else { return batch }
            let fields = zip(batch.schema.fields, columns.fields).map { Field($1.name, $0.type, nullable: $0.isNullable) }
            return RecordBatch(schema: Schema(fields), columns: batch.columns)
        }
        let rowCount = named.reduce(0) { $0 + $1.rowCount }
        guard rowCount > 0 else { return 0 }
        try table.append(named)
        return rowCount
    }

    public func delete(from name: String, where predicate: PhysicalExpression?, context: ExecutionContext) throws -> Int {
        let table = try openWritableTable(name, operation: "DELETE FROM")
        let schemaFields = try table.snapshot().schema.fields
        let pruning = ScanPruning(filters: predicate.map { [$0] } ?? [], fields: schemaFields)
        let result = try table.delete(
            description: predicate?.description ?? "true",
            fileMayMatch: { snapshot, file in pruning.fileMayMatch(file, in: snapshot) },
            rowsMatching: { rows in
                guard let predicate else { return (0..<rows.rowCount).map { Int32($0) } }
                return try ExpressionEvaluator.select(predicate, on: rows)
            })
        return Int(result?.deletedRowCount ?? 0)
    }

    /// Drops a registration when `name` is registered files (the files stay), else deletes the
    /// warehouse table's folder.
    public func dropTable(named name: String, ifExists: Bool) throws {
        if lock.withLock({ registered.removeValue(forKey: name.lowercased()) != nil }) { return }
        guard let folder = try existingFolder(name) else {
            if try viewDefinition(named: name) != nil {
                throw SluiceError.userInput("'\(name)' is a view; use DROP VIEW \(name)")
            }
            if ifExists { return }
            throw try notFound(name)
        }
        try fileSystem.delete(root + "/" + folder, recursive: true)
    }

    // MARK: - Warehouse folders

    /// Table names: ASCII letters, digits, `_` and `-` (not first), as `sluice table` allows.
    static func validateTableName(_ name: String) throws {
        let isAllowed = { (scalar: Unicode.Scalar) in
            scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "_" || scalar == "-")
        }
        guard !name.isEmpty, name.utf8.count <= 255, name.unicodeScalars.allSatisfy(isAllowed), !name.hasPrefix("-") else {
            throw SluiceError.userInput("'\(name)' is not a valid table name: use ASCII letters, digits, '_' and '-' (not first)")
        }
    }

    private func tablePath(_ folder: String) -> String {
        root == "/" ? "/" + folder : root + "/" + folder
    }

    private func warehouseTableNames() throws -> [String] {
        guard let status = try? fileSystem.status(root), status.isDirectory else { return [] }
        return try fileSystem.list(root)
            .filter { $0.isDirectory && (try? WarehouseCatalog.validateTableName($0.name)) != nil }
            .map(\.name)
            .filter { fileSystem.exists(tablePath($0) + "/_delta_log") }
            .sorted()
    }

    /// The folder of the table `name` (matched without regard to case), if there is one.
    func existingFolder(_ name: String) throws -> String? {
        guard (try? WarehouseCatalog.validateTableName(name)) != nil else { return nil }
        if fileSystem.exists(tablePath(name) + "/_delta_log") { return name }
        return try warehouseTableNames().first { $0.lowercased() == name.lowercased() }
    }

    private func openTable(_ name: String) throws -> Table {
        guard let folder = try existingFolder(name) else { throw try notFound(name) }
        return try Table(fileSystem: fileSystem, path: tablePath(folder))
    }

    private func openWritableTable(_ name: String, operation: String) throws -> Table {
        if let registration = lock.withLock({ registered[name.lowercased()] }) {
            throw SluiceError.userInput("cannot \(operation) '\(registration.name)': it is registered files, not a warehouse table")
        }
        return try openTable(name)
    }

    private func folderName(of table: Table) -> String {
        table.path.split(separator: "/").last.map(String.init) ?? table.path
    }

    private func notFound(_ name: String) throws -> SluiceError {
        let message = NameSuggestion.message("no table '\(name)'", for: name, among: try tableNames())
        return SluiceError(.userInput, message, condition: .notFound)
    }

    private static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return FileURI.normalize(path) }
        return FileURI.normalize(FileSystemRegistry.currentDirectory() + "/" + path)
    }
}
