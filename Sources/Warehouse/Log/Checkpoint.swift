import Parquet
import SluiceCore

/// Classic Parquet checkpoints of the log (`<version>.checkpoint.parquet`): the whole state of
/// a version, one action per row in the struct columns `txn`, `add`, `remove`, `metaData` and
/// `protocol`, so opening a table with a long history reads one file and a few commits.
enum Checkpoint {
    private static let stringMap = NestedType.map(key: .primitive(.string), value: .primitive(.string), valueNullable: true)
    private static let stringList = NestedType.list(element: .primitive(.string), elementNullable: true)

    /// The checkpoint schema of the protocol's appendix (without the optional parsed columns).
    static let schema = NestedSchema([
        NestedField("txn", .structure([
            NestedField("appId", .primitive(.string)), NestedField("version", .primitive(.int64)),
            NestedField("lastUpdated", .primitive(.int64)),
        ])),
        NestedField("add", .structure([
            NestedField("path", .primitive(.string)), NestedField("partitionValues", stringMap),
            NestedField("size", .primitive(.int64)), NestedField("modificationTime", .primitive(.int64)),
            NestedField("dataChange", .primitive(.boolean)), NestedField("stats", .primitive(.string)),
            NestedField("tags", stringMap),
        ])),
        NestedField("remove", .structure([
            NestedField("path", .primitive(.string)), NestedField("deletionTimestamp", .primitive(.int64)),
            NestedField("dataChange", .primitive(.boolean)), NestedField("extendedFileMetadata", .primitive(.boolean)),
            NestedField("partitionValues", stringMap), NestedField("size", .primitive(.int64)),
        ])),
        NestedField("metaData", .structure([
            NestedField("id", .primitive(.string)), NestedField("name", .primitive(.string)),
            NestedField("description", .primitive(.string)),
            NestedField("format", .structure([NestedField("provider", .primitive(.string)), NestedField("options", stringMap)])),
            NestedField("schemaString", .primitive(.string)), NestedField("partitionColumns", stringList),
            NestedField("createdTime", .primitive(.int64)), NestedField("configuration", stringMap),
        ])),
        NestedField("protocol", .structure([
            NestedField("minReaderVersion", .primitive(.int32)), NestedField("minWriterVersion", .primitive(.int32)),
            NestedField("readerFeatures", stringList), NestedField("writerFeatures", stringList),
        ])),
    ])

    /// Writes the checkpoint of `snapshot` and points `_last_checkpoint` at it.
    static func write(snapshot: Snapshot, log: DeltaLog) throws {
        var rows: [[NestedValue]] = []
        func row(_ column: Int, _ value: NestedValue) -> [NestedValue] {
            (0..<schema.fields.count).map { $0 == column ? value : .null }
        }
        let p = snapshot.protocolVersions
        rows.append(row(4, .structure([.int32(p.minReaderVersion), .int32(p.minWriterVersion),
                                       .strings(p.readerFeatures), .strings(p.writerFeatures)])))
        let m = snapshot.metadata
        rows.append(row(3, .structure([
            .string(m.id), .string(m.name), .string(m.description),
            .structure([.string(m.format.provider), .stringMap(m.format.options.mapValues { Optional($0) })]),
            .string(m.schemaString), .strings(m.partitionColumns), .int64(m.createdTime),
            .stringMap(m.configuration.mapValues { Optional($0) }),
        ])))
        for transaction in snapshot.transactions.values.sorted(by: { $0.appId < $1.appId }) {
            rows.append(row(0, .structure([.string(transaction.appId), .int64(transaction.version), .int64(transaction.lastUpdated)])))
        }
        for file in snapshot.files {
            rows.append(row(1, .structure([
                .string(file.path), .stringMap(file.partitionValues), .int64(file.size), .int64(file.modificationTime),
                .boolean(file.dataChange), .string(file.stats), file.tags.map { .stringMap($0.mapValues { Optional($0) }) } ?? .null,
            ])))
        }
        for tombstone in snapshot.tombstones {
            rows.append(row(2, .structure([
                .string(tombstone.path), .int64(tombstone.deletionTimestamp), .boolean(tombstone.dataChange),
                tombstone.extendedFileMetadata.map { .boolean($0) } ?? .null,
                tombstone.partitionValues.map { .stringMap($0) } ?? .null, .int64(tombstone.size),
            ])))
        }
        let path = log.checkpointPath(snapshot.version)
        let file = try log.fileSystem.create(path, overwrite: true)
        let writer: NestedParquetWriter
        do {
            writer = try NestedParquetWriter(file: file, schema: schema, options: ParquetWriterOptions(codec: .snappy))
        } catch {
            file.abort()
            throw error
        }
        do {
            try writer.write(rows)
            _ = try writer.close()
        } catch {
            writer.abort()
            throw error
        }
        let size = Int64((try? log.fileSystem.status(path).sizeBytes) ?? 0)
        try log.writeLastCheckpoint(LastCheckpoint(version: snapshot.version, size: Int64(rows.count), sizeInBytes: size,
                                                   numOfAddFiles: Int64(snapshot.files.count)))
    }

    /// The actions of the checkpoint of `version`.
    /// - Throws: `SluiceError` (data) naming the file when it is not a readable checkpoint.
    static func read(log: DeltaLog, version: Int64) throws -> [DeltaAction] {
        let path = log.checkpointPath(version)
        let reader = try NestedParquetReader(fileSystem: log.fileSystem, path: path)
        let wanted = ["txn", "add", "remove", "metaData", "protocol"].filter { reader.schema.index(of: $0) != nil }
        let fields = wanted.map { reader.schema.fields[reader.schema.index(of: $0)!] }
        var actions: [DeltaAction] = []
        for row in try reader.readRows(columns: wanted) {
            for (field, value) in zip(fields, row) {
                guard case .structure = value, case .structure(let children) = field.type else { continue }
                let record = CheckpointRecord(fields: children, value: value)
                do {
                    actions.append(try action(named: field.name, record))
                } catch let error as SluiceError {
                    throw SluiceError.data("corrupt checkpoint of version \(version): \(error.message)", at: SourceLocation(file: path))
                }
            }
        }
        return actions
    }

    private static func action(named name: String, _ record: CheckpointRecord) throws -> DeltaAction {
        switch name {
        case "txn":
            return .transaction(TransactionAction(appId: try record.requiredString("appId"), version: try record.requiredInt64("version"),
                                                  lastUpdated: record.int64("lastUpdated")))
        case "add":
            return .add(AddFile(path: try record.requiredString("path"), partitionValues: record.stringMap("partitionValues") ?? [:],
                                size: record.int64("size") ?? 0, modificationTime: record.int64("modificationTime") ?? 0,
                                dataChange: record.bool("dataChange") ?? true, stats: record.string("stats"),
                                tags: record.stringMap("tags")?.compactMapValues { $0 }))
        case "remove":
            return .remove(RemoveFile(path: try record.requiredString("path"), deletionTimestamp: record.int64("deletionTimestamp"),
                                      dataChange: record.bool("dataChange") ?? true,
                                      extendedFileMetadata: record.bool("extendedFileMetadata"),
                                      partitionValues: record.stringMap("partitionValues"), size: record.int64("size")))
        case "metaData":
            let format = record.record("format")
            return .metadata(MetadataAction(
                id: try record.requiredString("id"), name: record.string("name"), description: record.string("description"),
                format: MetadataAction.Format(provider: format?.string("provider") ?? "parquet",
                                              options: format?.stringMap("options")?.compactMapValues { $0 } ?? [:]),
                schemaString: try record.requiredString("schemaString"), partitionColumns: record.strings("partitionColumns") ?? [],
                createdTime: record.int64("createdTime"),
                configuration: record.stringMap("configuration")?.compactMapValues { $0 } ?? [:]))
        default:
            return .protocolVersions(ProtocolAction(
                minReaderVersion: Int32(try record.requiredInt64("minReaderVersion")),
                minWriterVersion: Int32(try record.requiredInt64("minWriterVersion")),
                readerFeatures: record.strings("readerFeatures"), writerFeatures: record.strings("writerFeatures")))
        }
    }
}

/// A struct value of a checkpoint row, read by field name (writers order fields differently).
struct CheckpointRecord {
    let fields: [NestedField]
    let values: [NestedValue]

    init(fields: [NestedField], value: NestedValue) {
        self.fields = fields
        if case .structure(let values) = value { self.values = values } else { self.values = [] }
    }

    private func child(_ name: String) -> (NestedField, NestedValue)? {
        guard let index = fields.firstIndex(where: { $0.name == name }), index < values.count else { return nil }
        return (fields[index], values[index])
    }

    func string(_ name: String) -> String? {
        if case .value(.string(let text))? = child(name)?.1 { return text }
        return nil
    }

    func int64(_ name: String) -> Int64? {
        switch child(name)?.1 {
        case .value(.int64(let value))?: return value
        case .value(.int32(let value))?: return Int64(value)
        case .value(.timestamp(let micros))?: return micros / 1000
        default: return nil
        }
    }

    func bool(_ name: String) -> Bool? {
        if case .value(.boolean(let value))? = child(name)?.1 { return value }
        return nil
    }

    func requiredString(_ name: String) throws -> String {
        guard let value = string(name) else { throw SluiceError.data("field '\(name)' is missing") }
        return value
    }

    func requiredInt64(_ name: String) throws -> Int64 {
        guard let value = int64(name) else { throw SluiceError.data("field '\(name)' is missing") }
        return value
    }

    func record(_ name: String) -> CheckpointRecord? {
        guard let (field, value) = child(name), case .structure(let children) = field.type, case .structure = value else { return nil }
        return CheckpointRecord(fields: children, value: value)
    }

    func stringMap(_ name: String) -> [String: String?]? {
        guard case .map(let entries)? = child(name)?.1 else { return nil }
        var map: [String: String?] = [:]
        for entry in entries {
            guard case .value(.string(let key)) = entry.key else { continue }
            if case .value(.string(let value)) = entry.value { map[key] = .some(value) } else { map[key] = .some(nil) }
        }
        return map
    }

    func strings(_ name: String) -> [String]? {
        guard case .list(let elements)? = child(name)?.1 else { return nil }
        return elements.compactMap { if case .value(.string(let text)) = $0 { text } else { nil } }
    }
}

private extension NestedValue {
    static func string(_ text: String?) -> NestedValue { text.map { .value(.string($0)) } ?? .null }
    static func int64(_ number: Int64?) -> NestedValue { number.map { .value(.int64($0)) } ?? .null }
    static func int32(_ number: Int32) -> NestedValue { .value(.int32(number)) }
    static func boolean(_ flag: Bool) -> NestedValue { .value(.boolean(flag)) }
    static func strings(_ texts: [String]?) -> NestedValue { texts.map { .list($0.map { .value(.string($0)) }) } ?? .null }
    static func stringMap(_ map: [String: String?]) -> NestedValue {
        .map(map.keys.sorted().map { NestedMapEntry(key: .value(.string($0)), value: .string(map[$0] ?? nil)) })
    }
}
