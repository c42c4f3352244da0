import Dataflow
import SluiceCore
import Warehouse

/// A table held in memory as a dictionary from a key column's value to its row, for stream–
/// table joins. The driver refreshes it before each batch: when the table's version changed, the
/// newest snapshot is loaded again; tasks read the dictionary of the batch.
///
/// Thread-safety: `refresh` runs on the driver; `rows` from any task thread (guarded by a lock).
final class StreamTableLookup: @unchecked Sendable {
    // Sendable: `loaded` is guarded by `lock`.
    let location: String
    let keyColumn: String
    let fileSystems: FileSystemRegistry
    private let lock = Mutex()
    private var loaded: (version: Int64, rows: [Value: Row])?

    init(location: String, keyColumn: String, fileSystems: FileSystemRegistry) {
        self.location = location
        self.keyColumn = keyColumn
        self.fileSystems = fileSystems
    }

    /// Loads the table at `version` (the newest when nil) unless that version is held already.
    /// - Returns: the version held now.
    /// - Throws: a user error when the table, the version or the key column does not exist.
    @discardableResult
    func refresh(version: Int64? = nil) throws -> Int64 {
        let resolved = try fileSystems.resolve(location)
        let table = try Table(fileSystem: resolved.fileSystem, path: resolved.path)
        let held = lock.withLock { loaded?.version }
        if let version, version == held { return version }
        let snapshot = try version.map { try table.snapshot(version: $0) } ?? table.snapshot()
        if held == snapshot.version { return snapshot.version }
        guard let keyIndex = snapshot.schema.index(of: keyColumn) else {
            throw SluiceError.userInput("table \(location) has no column '\(keyColumn)' to join on; columns are "
                                        + snapshot.schema.fields.map(\.name).joined(separator: ", "))
        }
        var scan = try table.scan(snapshot: snapshot)
        let batch = try scan.readAll()
        let layout = RowLayout.of(batch.schema)
        var rows: [Value: Row] = [:]
        rows.reserveCapacity(batch.rowCount)
        for index in 0..<batch.rowCount {
            let values = batch.row(index)
            rows[values[keyIndex].lookupKey] = Row(layout: layout, values: values)
        }
        lock.withLock { loaded = (snapshot.version, rows) }
        return snapshot.version
    }

    /// The rows of the version loaded for the current batch.
    func rows() -> [Value: Row] {
        lock.withLock { loaded?.rows ?? [:] }
    }
}
