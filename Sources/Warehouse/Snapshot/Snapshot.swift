import SluiceCore

/// The state of a table at one version: its schema, partition columns, properties, live data
/// files, tombstones and application transactions. Immutable; cheap to share between threads.
public struct Snapshot: Sendable {
    public let version: Int64
    public let protocolVersions: ProtocolAction
    public let metadata: MetadataAction
    /// The table's columns, partition columns included.
    public let schema: Schema
    /// Live data files, sorted by path.
    public let files: [AddFile]
    /// Removed files still kept for time travel, until vacuum.
    public let tombstones: [RemoveFile]
    /// The last committed batch of each application (`txn` actions).
    public let transactions: [String: TransactionAction]
    /// When this version was committed (commit timestamp, or the commit file's time).
    public let timestampMillis: Int64

    public var partitionColumns: [String] { metadata.partitionColumns }

    /// The columns stored inside data files (partition columns live in the paths and the log).
    public var dataSchema: Schema {
        Schema(schema.fields.filter { !partitionColumns.contains($0.name) })
    }

    public var properties: [String: String] { metadata.configuration }

    /// The sort key (cluster key) from the table properties.
    public var sortColumns: [String] {
        properties[TableProperty.sortColumns]?.split(separator: ",").map { $0.trimmed }.filter { !$0.isEmpty } ?? []
    }

    public var rowCount: Int64? {
        var total: Int64 = 0
        for file in files {
            guard let stats = file.stats, let parsed = FileStatistics(json: stats, schema: Schema([])) else { return nil }
            total += parsed.numRecords
        }
        return total
    }

    public var sizeBytes: Int64 { files.reduce(0) { $0 + $1.size } }

    /// The size appends and `optimize` aim for (`delta.targetFileSize`, default 128 MiB).
    public var targetFileSizeBytes: Int {
        properties[TableProperty.targetFileSize].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 128 * 1024 * 1024
    }

    /// Statistics of a file, parsed against the table schema.
    public func statistics(of file: AddFile) -> FileStatistics? {
        file.stats.flatMap { FileStatistics(json: $0, schema: schema) }
    }

    /// Partition values of a file as typed values.
    public func partitionValues(of file: AddFile) throws -> [String: Value] {
        var values: [String: Value] = [:]
        for column in partitionColumns {
            guard let field = schema[column] else { continue }
            values[column] = try PartitionValue.parse(file.partitionValues[column] ?? nil, as: field.type, column: column)
        }
        return values
    }

    /// Whether a file may hold rows matching every predicate, judged from its partition values
    /// and statistics, without opening it.
    public func fileMayMatch(_ file: AddFile, _ predicates: [ColumnPredicate]) -> Bool {
        guard !predicates.isEmpty else { return true }
        // Partition values first, and the statistics JSON parsed only if a predicate on a data
        // column is left to judge: a scan of one partition must not parse every file's stats.
        var dataPredicates: [(ColumnPredicate, Value)] = []
        for predicate in predicates {
            guard let field = schema[predicate.column], let literal = try? predicate.literal(as: field.type) else { continue }
            if partitionColumns.contains(predicate.column) {
                guard let value = try? PartitionValue.parse(file.partitionValues[predicate.column] ?? nil, as: field.type,
                                                            column: predicate.column) else { continue }
                if value.isNull || !predicate.matches(value, literal: literal) { return false }
            } else {
                dataPredicates.append((predicate, literal))
            }
        }
        guard !dataPredicates.isEmpty, let statistics = statistics(of: file) else { return true }
        return dataPredicates.allSatisfy { statistics.mayMatch($0.0, literal: $0.1) }
    }
}

/// Table properties Sluice reads and writes.
public enum TableProperty {
    /// Comma-separated sort key (cluster key) columns.
    public static let sortColumns = "sluice.sortColumns"
    /// Commits between checkpoints (Delta's own key).
    public static let checkpointInterval = "delta.checkpointInterval"
    /// Target size of data files written by appends and `optimize`.
    public static let targetFileSize = "delta.targetFileSize"
    public static let appendOnly = "delta.appendOnly"
    /// How long vacuum keeps removed files, as an interval (`interval 7 days`).
    public static let deletedFileRetentionDuration = "delta.deletedFileRetentionDuration"
}
