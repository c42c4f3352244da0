import Foundation
import Logging
import SluiceCore

/// A warehouse table: Parquet data files under a Delta Lake transaction log. Every change is
/// one atomic commit; readers see whole versions only.
///
/// Thread-safety: a `Table` holds no mutable state; any number of threads and processes may
/// read and commit at once, and the log's create-if-absent commit decides between writers.
public final class Table: Sendable {
    public let fileSystem: any FileSystem
    public let path: String
    public let clock: any WallClock
    public let log: DeltaLog
    let logger = Logger(label: "sluice.warehouse")

    /// Opens an existing table.
    /// - Throws: `SluiceError` (user input, `.notFound`) when the folder holds no table.
    public init(fileSystem: any FileSystem, path: String, clock: any WallClock = SystemWallClock()) throws {
        self.fileSystem = fileSystem
        self.path = path
        self.clock = clock
        self.log = DeltaLog(fileSystem: fileSystem, tablePath: path)
        let listing = try log.list()
        guard !listing.commitVersions.isEmpty || !listing.checkpointVersions.isEmpty else {
            throw SluiceError(.userInput, "no table at \(path) (no _delta_log)", condition: .notFound)
        }
    }

    private init(uncheckedFileSystem fileSystem: any FileSystem, path: String, clock: any WallClock) {
        self.fileSystem = fileSystem
        self.path = path
        self.clock = clock
        self.log = DeltaLog(fileSystem: fileSystem, tablePath: path)
    }

    /// Creates a table: version 0 holds the protocol and the metadata.
    /// - Parameters:
    ///   - partitionColumns: which folder a row lands in; must be columns of `schema`.
    ///   - sortColumns: the order of rows inside files written by appends and `optimize`.
    /// - Throws: `SluiceError` (user input) for unknown columns, or `.alreadyExists` when a
    ///   table is there already.
    @discardableResult
    public static func create(fileSystem: any FileSystem, path: String, schema: Schema, partitionColumns: [String] = [],
                              sortColumns: [String] = [], properties: [String: String] = [:],
                              clock: any WallClock = SystemWallClock()) throws -> Table {
        for column in partitionColumns + sortColumns where schema[column] == nil {
            throw SluiceError.userInput("column '\(column)' is not in the schema (\(schema))")
        }
        if let binary = partitionColumns.first(where: { schema[$0]?.type == .binary }) {
            throw SluiceError.userInput("column '\(binary)' is BINARY and cannot be a partition column")
        }
        if partitionColumns.count == schema.count {
            throw SluiceError.userInput("every column is a partition column; a table needs at least one data column")
        }
        let lowercased = schema.fields.map { $0.name.lowercased() }
        if Set(lowercased).count != lowercased.count {
            throw SluiceError.userInput("column names must differ in more than letter case")
        }
        var configuration = properties
        if !sortColumns.isEmpty { configuration[TableProperty.sortColumns] = sortColumns.joined(separator: ",") }
        let table = Table(uncheckedFileSystem: fileSystem, path: path, clock: clock)
        let now = clock.nowMillis()
        let metadata = MetadataAction(id: UUID().uuidString.lowercased(), name: path.split(separator: "/").last.map(String.init),
                                      schemaString: try DeltaSchema.schemaString(schema), partitionColumns: partitionColumns,
                                      createdTime: now, configuration: configuration)
        var parameters: [String: JSONValue] = ["partitionBy": .string(try LogJSON.encode(partitionColumns))]
        if !sortColumns.isEmpty { parameters["sortBy"] = .string(sortColumns.joined(separator: ",")) }
        let info = CommitInfo(timestamp: now, operation: "CREATE TABLE", operationParameters: parameters, isBlindAppend: true)
        do {
            try table.log.writeCommit(0, [.commitInfo(info), .protocolVersions(.sluiceDefault), .metadata(metadata)])
        } catch let error as SluiceError where error.condition == .alreadyExists {
            throw SluiceError(.userInput, "a table already exists at \(path)", condition: .alreadyExists)
        }
        return table
    }

    /// The newest snapshot.
    public func snapshot() throws -> Snapshot {
        try loadSnapshot(upTo: nil)
    }

    /// The snapshot at a version (time travel).
    /// - Throws: `SluiceError` (user input, `.notFound`) for a version that does not exist.
    public func snapshot(version: Int64) throws -> Snapshot {
        guard version >= 0 else { throw SluiceError.userInput("versions start at 0, not \(version)") }
        return try loadSnapshot(upTo: version)
    }

    /// The snapshot of the newest version committed at or before `timestampMillis`.
    /// - Throws: `SluiceError` (user input) when the table did not exist yet then.
    public func snapshot(asOfMillis timestampMillis: Int64) throws -> Snapshot {
        let versions = try log.list().commitVersions
        var chosen: Int64?
        for version in versions {
            guard try commitTimestamp(version) <= timestampMillis else { break }
            chosen = version
        }
        guard let chosen else {
            throw SluiceError(.userInput, "table \(path) has no version at or before \(CivilTime.formatTimestamp(micros: timestampMillis * 1000))",
                              condition: .notFound)
        }
        return try snapshot(version: chosen)
    }

    /// When a version was committed: its commitInfo timestamp, else the commit file's time.
    func commitTimestamp(_ version: Int64) throws -> Int64 {
        for action in try log.readCommit(version) {
            if case .commitInfo(let info) = action, let timestamp = info.timestamp { return timestamp }
        }
        return try fileSystem.status(log.commitPath(version)).modificationTimeMillis
    }

    private func loadSnapshot(upTo target: Int64?) throws -> Snapshot {
        let listing = try log.list()
        guard let latest = listing.commitVersions.last ?? listing.checkpointVersions.last else {
            throw SluiceError(.userInput, "no table at \(path) (no _delta_log)", condition: .notFound)
        }
        let end = target ?? latest
        guard end <= latest else {
            throw SluiceError(.userInput, "table \(path) has versions up to \(latest), not \(end)", condition: .notFound)
        }
        var builder = SnapshotBuilder()
        var start: Int64 = 0
        if let checkpoint = try newestCheckpoint(atMost: end, listing: listing) {
            let timestamp = (try? commitTimestamp(checkpoint.version)) ?? 0
            builder.apply(checkpoint.actions, version: checkpoint.version, fallbackTimestampMillis: timestamp)
            start = checkpoint.version + 1
        }
        let commits = listing.commitVersions.filter { $0 >= start && $0 <= end }
        var expected = start
        for version in commits {
            guard version == expected else {
                throw SluiceError.data("the log of \(path) is missing version \(expected) (next is \(version))",
                                       at: SourceLocation(file: log.commitPath(expected)))
            }
            let modified = (try? fileSystem.status(log.commitPath(version)).modificationTimeMillis) ?? 0
            builder.apply(try log.readCommit(version), version: version, fallbackTimestampMillis: modified)
            expected += 1
        }
        guard builder.version == end else {
            throw SluiceError.data("the log of \(path) is missing version \(end)", at: SourceLocation(file: log.commitPath(end)))
        }
        return try builder.build(tablePath: path)
    }

    /// The newest readable checkpoint at or before `version`. A checkpoint that cannot be
    /// read is skipped (the commits it summarizes are still there), with a warning.
    private func newestCheckpoint(atMost version: Int64, listing: DeltaLog.Listing) throws
        -> (version: Int64, actions: [DeltaAction])? {
        for candidate in listing.checkpointVersions.reversed() where candidate <= version {
            do {
                return (candidate, try Checkpoint.read(log: log, version: candidate))
            } catch {
                logger.warning("skipping unreadable checkpoint \(candidate) of \(path): \(error)")
                // Without the commits before it, there is no way around a broken checkpoint.
                if !listing.commitVersions.contains(0) { throw error }
            }
        }
        return nil
    }

    /// The absolute path of a data file named by an action.
    public func dataFilePath(_ relativePath: String) -> String {
        let decoded = DeltaPath.decode(relativePath)
        return decoded.hasPrefix("/") ? decoded : path + "/" + decoded
    }
}
