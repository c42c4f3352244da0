import Parquet
import SluiceCore

/// The shape of a Delta Lake checkpoint (one optional struct per action kind; each row holds
/// exactly one action) and rows exercising every way a nested value can be absent.
enum DeltaCheckpointSample {
    static let stringMap = NestedType.map(key: .primitive(.string), value: .primitive(.string), valueNullable: true)
    static let stringList = NestedType.list(element: .primitive(.string), elementNullable: true)

    static let schema = NestedSchema([
        NestedField("txn", .structure([
            NestedField("appId", .primitive(.string)),
            NestedField("version", .primitive(.int64)),
            NestedField("lastUpdated", .primitive(.int64)),
        ])),
        NestedField("add", .structure([
            NestedField("path", .primitive(.string), nullable: false),
            NestedField("partitionValues", stringMap),
            NestedField("size", .primitive(.int64)),
            NestedField("modificationTime", .primitive(.int64)),
            NestedField("dataChange", .primitive(.boolean)),
            NestedField("stats", .primitive(.string)),
            NestedField("tags", stringMap),
        ])),
        NestedField("remove", .structure([
            NestedField("path", .primitive(.string)),
            NestedField("deletionTimestamp", .primitive(.int64)),
            NestedField("dataChange", .primitive(.boolean)),
            NestedField("extendedFileMetadata", .primitive(.boolean)),
            NestedField("partitionValues", stringMap),
            NestedField("size", .primitive(.int64)),
        ])),
        NestedField("metaData", .structure([
            NestedField("id", .primitive(.string)),
            NestedField("name", .primitive(.string)),
            NestedField("description", .primitive(.string)),
            NestedField("format", .structure([
                NestedField("provider", .primitive(.string)),
                NestedField("options", stringMap),
            ])),
            NestedField("schemaString", .primitive(.string)),
            NestedField("partitionColumns", stringList),
            NestedField("createdTime", .primitive(.int64)),
            NestedField("configuration", stringMap),
        ])),
        NestedField("protocol", .structure([
            NestedField("minReaderVersion", .primitive(.int32)),
            NestedField("minWriterVersion", .primitive(.int32)),
            NestedField("readerFeatures", stringList),
            NestedField("writerFeatures", stringList),
        ])),
    ])

    static func text(_ text: String) -> NestedValue { .value(.string(text)) }
    static func long(_ value: Int64) -> NestedValue { .value(.int64(value)) }
    static func flag(_ value: Bool) -> NestedValue { .value(.boolean(value)) }

    static func map(_ entries: [(String, String?)]) -> NestedValue {
        .map(entries.map { NestedMapEntry(key: text($0.0), value: $0.1.map(text) ?? .null) })
    }

    /// A row with `action` at position `index` and every other action null.
    static func row(_ index: Int, _ action: NestedValue) -> [NestedValue] {
        var row = [NestedValue](repeating: .null, count: schema.fields.count)
        row[index] = action
        return row
    }

    static func protocolAction(reader: Int32, writer: Int32, readerFeatures: [String]?, writerFeatures: [String]?) -> [NestedValue] {
        row(4, .structure([.value(.int32(reader)), .value(.int32(writer)),
                           readerFeatures.map { .list($0.map(text)) } ?? .null,
                           writerFeatures.map { .list($0.map(text)) } ?? .null]))
    }

    static func metaDataAction(partitionColumns: NestedValue, configuration: NestedValue, options: NestedValue) -> [NestedValue] {
        row(3, .structure([
            text("6f1a9c2e-5b7d-4e0f-8a31-2c9d7e4b1f00"), text("events"), .null,
            .structure([text("parquet"), options]),
            text(#"{"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]}"#),
            partitionColumns, long(1_700_000_000_000), configuration,
        ]))
    }

    static func addAction(_ number: Int, partitionValues: NestedValue, tags: NestedValue, stats: NestedValue) -> [NestedValue] {
        row(1, .structure([
            text("part=\(number % 3)/part-\(number)-c000.snappy.parquet"), partitionValues, long(Int64(1000 + number)),
            long(1_700_000_000_000 + Int64(number)), flag(number % 2 == 0), stats, tags,
        ]))
    }

    /// Rows of every action kind, with maps empty, holding null values, or absent, and lists
    /// empty or absent.
    static var rows: [[NestedValue]] {
        var rows: [[NestedValue]] = [
            protocolAction(reader: 3, writer: 7, readerFeatures: ["deletionVectors"], writerFeatures: ["deletionVectors", "appendOnly"]),
            protocolAction(reader: 1, writer: 2, readerFeatures: nil, writerFeatures: nil),
            protocolAction(reader: 3, writer: 7, readerFeatures: [], writerFeatures: [""]),
            metaDataAction(partitionColumns: .list([text("part")]),
                           configuration: map([("delta.appendOnly", "true"), ("delta.checkpointInterval", nil)]),
                           options: map([])),
            metaDataAction(partitionColumns: .list([]), configuration: .null, options: .null),
            row(0, .structure([text("streaming-app"), long(42), long(1_700_000_000_123)])),
            row(0, .structure([.null, .null, .null])),
        ]
        for number in 0..<12 {
            let partitionValues: NestedValue = switch number % 4 {
            case 0: map([("part", String(number % 3))])
            case 1: map([("part", nil)])
            case 2: map([])
            default: .null
            }
            let tags: NestedValue = number % 3 == 0 ? map([("INSERTION_TIME", "1700000000000000"), ("OPTIMIZE_TARGET_SIZE", "268435456")]) : .null
            let stats: NestedValue = number % 5 == 4 ? .null : text(#"{"numRecords":\#(number),"minValues":{"id":0},"maxValues":{"id":\#(number)}}"#)
            rows.append(addAction(number, partitionValues: partitionValues, tags: tags, stats: stats))
        }
        rows.append(row(2, .structure([text("part=1/part-0-c000.snappy.parquet"), long(1_700_000_000_999), flag(true), flag(true),
                                       map([("part", "1")]), long(1001)])))
        rows.append(row(2, .structure([text("old.parquet"), .null, flag(false), .null, .null, .null])))
        rows.append([NestedValue](repeating: .null, count: schema.fields.count))
        return rows
    }
}
