import SluiceCore

/// The row-level changes of a range of versions, one version after another, for change data
/// capture. Each batch has the table's columns plus `_change_type` ("insert" or "delete"),
/// `_commit_version` and `_commit_timestamp`.
///
/// Changes are derived from the files each version adds and removes with `dataChange`: rows of
/// added files are inserts, rows of removed files deletes, and a row found in both within one
/// version (a copy-on-write rewrite carries unchanged rows over) cancels out, as a multiset
/// difference of whole rows. So a delete of 2 rows out of 1000 yields 2 deletes, an overwrite
/// yields only the rows that differ, and compaction (`dataChange: false`) yields nothing.
///
/// Incremental: one file is read at a time, and a version's changes are worked out only when
/// the previous version's were consumed. A version that both adds and removes files holds one
/// key per added row in memory while its changes are produced.
///
/// Not thread-safe: one consumer, though the feed may move between threads between calls.
public struct ChangeFeed: Sendable {
    public static let changeTypeColumn = "_change_type"
    public static let commitVersionColumn = "_commit_version"
    public static let commitTimestampColumn = "_commit_timestamp"
    public static let insert = "insert"
    public static let delete = "delete"

    public let table: Table
    public let startVersion: Int64
    public let endVersion: Int64
    /// The table's columns as of `endVersion` (older files read later-added columns as nulls),
    /// then the three change columns.
    public let schema: Schema
    /// Every change of versions up to this one has been returned (`startVersion - 1` at first).
    public private(set) var lastCompletedVersion: Int64

    private enum Step: Sendable {
        case deleted(AddFile)
        case inserted(AddFile)
    }

    /// The snapshot whose schema and partition columns every file is read with.
    private let readSnapshot: Snapshot
    private var versionToLoad: Int64
    private var version: Int64
    private var versionTimestampMicros: Int64 = 0
    private var steps: [Step] = []
    private var stepIndex = 0
    /// Whether this version both adds and removes rows, so rows carried over must cancel.
    private var cancelsCarriedOverRows = false
    /// Added rows not yet matched by a removed row: row key to count.
    private var unmatchedAddedRows: [[UInt8]: Int] = [:]
    /// Removed rows matched by an added row: their inserts are skipped too.
    private var carriedOverRows: [[UInt8]: Int] = [:]

    init(table: Table, startVersion: Int64, endVersion: Int64, readSnapshot: Snapshot) throws {
        for name in [ChangeFeed.changeTypeColumn, ChangeFeed.commitVersionColumn, ChangeFeed.commitTimestampColumn]
        where readSnapshot.schema[name] != nil {
            throw SluiceError.userInput("table \(table.path) has a column named '\(name)', which the change feed needs for itself")
        }
        self.table = table
        self.startVersion = startVersion
        self.endVersion = endVersion
        self.readSnapshot = readSnapshot
        schema = Schema(readSnapshot.schema.fields + [
            Field(ChangeFeed.changeTypeColumn, .string, nullable: false),
            Field(ChangeFeed.commitVersionColumn, .int64, nullable: false),
            Field(ChangeFeed.commitTimestampColumn, .timestamp, nullable: false),
        ])
        versionToLoad = startVersion
        version = startVersion - 1
        lastCompletedVersion = startVersion - 1
    }

    /// The next batch of changes, or nil after `endVersion`.
    /// - Throws: `SluiceError` (data) naming the version and file when a file a version added or
    ///   removed is gone (vacuumed) or corrupt, or a removal cannot be traced to its file.
    public mutating func next() throws -> RecordBatch? {
        while true {
            if stepIndex < steps.count {
                let step = steps[stepIndex]
                stepIndex += 1
                let batch = try changes(of: step)
                if batch.rowCount > 0 { return batch }
                continue
            }
            lastCompletedVersion = version
            guard versionToLoad <= endVersion else { return nil }
            try load(versionToLoad)
            versionToLoad += 1
        }
    }

    /// Every remaining change in one batch.
    public mutating func readAll() throws -> RecordBatch {
        var batches: [RecordBatch] = []
        while let batch = try next() { batches.append(batch) }
        return RecordBatch.concatenate(batches, schema: schema)
    }

    /// Plans one version's changes: deletes from its removed files, then inserts from its added
    /// files, after counting the added rows when there are rows to cancel.
    private mutating func load(_ loading: Int64) throws {
        var added: [AddFile] = []
        var removed: [RemoveFile] = []
        var timestampMillis: Int64?
        for action in try table.log.readCommit(loading) {
            switch action {
            case .add(let file) where file.dataChange: added.append(file)
            case .remove(let file) where file.dataChange: removed.append(file)
            case .commitInfo(let info): timestampMillis = info.timestamp ?? timestampMillis
            default: continue
            }
        }
        version = loading
        versionTimestampMicros = try (timestampMillis ?? table.fileSystem.status(table.log.commitPath(loading)).modificationTimeMillis) * 1000
        let removedFiles = try removed.map { try file(removedBy: $0) }
        cancelsCarriedOverRows = !added.isEmpty && !removedFiles.isEmpty
        unmatchedAddedRows = [:]
        carriedOverRows = [:]
        if cancelsCarriedOverRows {
            for file in added {
                for key in RowKey.keys(of: try read(file)) { unmatchedAddedRows[key, default: 0] += 1 }
            }
        }
        steps = removedFiles.map { .deleted($0) } + added.map { .inserted($0) }
        stepIndex = 0
    }

    private mutating func changes(of step: Step) throws -> RecordBatch {
        switch step {
        case .deleted(let file):
            let rows = try read(file)
            guard cancelsCarriedOverRows else { return labeled(rows, ChangeFeed.delete) }
            var deleted: [Int] = []
            for (row, key) in RowKey.keys(of: rows).enumerated() {
                if ChangeFeed.take(key, from: &unmatchedAddedRows) {
                    carriedOverRows[key, default: 0] += 1
                } else {
                    deleted.append(row)
                }
            }
            return labeled(rows.take(deleted), ChangeFeed.delete)
        case .inserted(let file):
            let rows = try read(file)
            guard cancelsCarriedOverRows else { return labeled(rows, ChangeFeed.insert) }
            let inserted = RowKey.keys(of: rows).enumerated().filter { !ChangeFeed.take($0.element, from: &carriedOverRows) }.map(\.offset)
            return labeled(rows.take(inserted), ChangeFeed.insert)
        }
    }

    /// Takes one occurrence of a key from a multiset; false when it holds none.
    private static func take(_ key: [UInt8], from counts: inout [[UInt8]: Int]) -> Bool {
        guard let count = counts[key] else { return false }
        counts[key] = count > 1 ? count - 1 : nil
        return true
    }

    private func labeled(_ rows: RecordBatch, _ changeType: String) -> RecordBatch {
        let count = rows.rowCount
        return RecordBatch(schema: schema, columns: rows.columns + [
            Column(type: .string, values: .bytes(BinaryBuffer(strings: repeatElement(changeType, count: count)))),
            Column(type: .int64, values: .int64(Array(repeating: version, count: count))),
            Column(type: .timestamp, values: .int64(Array(repeating: versionTimestampMicros, count: count))),
        ])
    }

    /// All rows of a file this version added or removed.
    private func read(_ file: AddFile) throws -> RecordBatch {
        let path = table.dataFilePath(file.path)
        guard table.fileSystem.exists(path) else {
            throw SluiceError.data("the changes of version \(version) of table \(table.path) need data file "
                                   + "\(DeltaPath.decode(file.path)), which no longer exists (vacuumed)", at: SourceLocation(file: path))
        }
        do {
            return try table.read(file, of: readSnapshot)
        } catch let error as SluiceError where error.fault == .data {
            throw SluiceError.data("the changes of version \(version) of table \(table.path): \(error.message)", at: error.location)
        }
    }

    /// The file a removal names, with its partition values: from the tombstone when it carries
    /// them, otherwise from the previous version's snapshot.
    private func file(removedBy removal: RemoveFile) throws -> AddFile {
        if removal.partitionValues != nil || readSnapshot.partitionColumns.isEmpty {
            return AddFile(path: removal.path, partitionValues: removal.partitionValues ?? [:], size: removal.size ?? 0,
                           modificationTime: removal.deletionTimestamp ?? 0, dataChange: true, stats: removal.stats)
        }
        let path = DeltaPath.decode(removal.path)
        guard version > 0, let file = try table.snapshot(version: version - 1).files.first(where: { DeltaPath.decode($0.path) == path }) else {
            throw SluiceError.data("version \(version) of table \(table.path) removes data file \(path), which version \(version - 1) "
                                   + "does not have", at: SourceLocation(file: table.log.commitPath(version)))
        }
        return file
    }
}

extension Table {
    /// The row-level changes of versions `fromVersion` through `toVersion` (see `ChangeFeed`).
    /// - Parameters:
    ///   - fromVersion: the first version whose changes are wanted.
    ///   - toVersion: the last one; the newest version now when nil.
    /// - Throws: `SluiceError` (user input, `.notFound`) for a version the log does not have
    ///   (negative, newer than the newest, or cleaned up), or a range that ends before it starts.
    public func changes(fromVersion: Int64, toVersion: Int64? = nil) throws -> ChangeFeed {
        let listing = try log.list()
        guard let earliest = listing.commitVersions.first, let latest = listing.commitVersions.last else {
            throw SluiceError(.userInput, "no table at \(path) (no _delta_log)", condition: .notFound)
        }
        let endVersion = toVersion ?? latest
        guard fromVersion >= 0 else { throw SluiceError(.userInput, "versions start at 0, not \(fromVersion)", condition: .notFound) }
        for version in [fromVersion, endVersion] where version > latest {
            throw SluiceError(.userInput, "table \(path) has versions up to \(latest), not \(version)", condition: .notFound)
        }
        guard fromVersion >= earliest else {
            throw SluiceError(.userInput, "the log of \(path) no longer holds version \(fromVersion) (the oldest commit is \(earliest))",
                              condition: .notFound)
        }
        guard fromVersion <= endVersion else {
            throw SluiceError.userInput("the change range ends at version \(endVersion), before it starts (\(fromVersion))")
        }
        return try ChangeFeed(table: self, startVersion: fromVersion, endVersion: endVersion, readSnapshot: snapshot(version: endVersion))
    }
}
