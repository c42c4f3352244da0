@testable import Parquet
import SluiceCore
import Testing

/// Nested files (structs, lists, maps) written by `NestedParquetWriter` and read back by
/// `NestedParquetReader`: the Delta checkpoint shape, deeper and random nesting, empty and
/// all-null files, many pages and row groups, legacy list and map layouts, and damage.
@Suite struct NestedParquetTests {
    static let path = "/data/nested.parquet"

    static func write(_ rows: [[NestedValue]], schema: NestedSchema, options: ParquetWriterOptions = ParquetWriterOptions(),
                      keyValueMetadata: [String: String] = [:]) throws -> [UInt8] {
        let file = MemoryWritableFile()
        let writer = try NestedParquetWriter(file: file, schema: schema, options: options, keyValueMetadata: keyValueMetadata)
        try writer.write(rows)
        try writer.close()
        return file.bytes
    }

    static func open(_ bytes: [UInt8]) throws -> NestedParquetReader {
        try NestedParquetReader(file: MemoryReadableFile(path: path, bytes: bytes), path: path)
    }

    /// Writes and reads back; expects the same schema and rows.
    static func expectRoundTrip(_ rows: [[NestedValue]], schema: NestedSchema, options: ParquetWriterOptions = ParquetWriterOptions(),
                                _ label: String = "", sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let reader = try open(try write(rows, schema: schema, options: options))
        #expect(reader.schema == schema, "\(label)", sourceLocation: sourceLocation)
        #expect(reader.rowCount == Int64(rows.count), "\(label)", sourceLocation: sourceLocation)
        let read = try reader.readRows()
        #expect(read.count == rows.count, "\(label)", sourceLocation: sourceLocation)
        for (index, (got, expected)) in zip(read, rows).enumerated() where got != NestedParquetTests.canonical(expected) {
            Issue.record("\(label) row \(index): read \(got), wrote \(expected)", sourceLocation: sourceLocation)
            break
        }
    }

    /// A written row as the reader returns it: primitive nulls as `.null`.
    static func canonical(_ row: [NestedValue]) -> [NestedValue] {
        row.map(canonical)
    }

    static func canonical(_ value: NestedValue) -> NestedValue {
        switch value {
        case .null: .null
        case .value(let primitive): primitive.isNull ? .null : value
        case .structure(let fields): .structure(fields.map(canonical))
        case .list(let items): .list(items.map(canonical))
        case .map(let entries): .map(entries.map { NestedMapEntry(key: canonical($0.key), value: canonical($0.value)) })
        }
    }

    // MARK: - Delta checkpoints

    @Test(arguments: [CompressionCodec.snappy, .gzip, .uncompressed])
    func deltaCheckpointRoundTrips(codec: CompressionCodec) throws {
        try NestedParquetTests.expectRoundTrip(DeltaCheckpointSample.rows, schema: DeltaCheckpointSample.schema,
                                               options: ParquetWriterOptions(codec: codec), "\(codec)")
    }

    @Test func readsOnlyTheAskedColumnsInTheirOrder() throws {
        let reader = try NestedParquetTests.open(try NestedParquetTests.write(DeltaCheckpointSample.rows, schema: DeltaCheckpointSample.schema))
        let projected = try reader.readRows(columns: ["protocol", "add"])
        #expect(projected == DeltaCheckpointSample.rows.map { [$0[4], $0[1]] })
        #expect(try reader.readRows(columns: []).count == DeltaCheckpointSample.rows.count)
        #expect(throws: SluiceError.userInput("\(NestedParquetTests.path) has no column 'cdc'; columns are txn, add, remove, metaData, protocol")) {
            try reader.readRows(columns: ["add", "cdc"])
        }
    }

    /// The footer follows the standard layout other readers expect of a checkpoint.
    @Test func checkpointFooterUsesStandardListAndMapLayouts() throws {
        let bytes = try NestedParquetTests.write(DeltaCheckpointSample.rows, schema: DeltaCheckpointSample.schema,
                                                 keyValueMetadata: ["writer": "sluice"])
        let metadata = try NestedParquetTests.open(bytes).metadata
        let elements = Dictionary(metadata.schema.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(elements["partitionValues"]?.convertedType == .map)
        #expect(elements["partitionValues"]?.logicalType == .map)
        #expect(elements["key_value"]?.repetitionType == .repeated)
        #expect(elements["key_value"]?.numChildren == 2)
        #expect(elements["key"]?.repetitionType == .required)
        #expect(elements["key"]?.logicalType == .string)
        #expect(elements["value"]?.repetitionType == .optional)
        #expect(elements["partitionColumns"]?.convertedType == .list)
        #expect(elements["partitionColumns"]?.logicalType == .list)
        #expect(elements["list"]?.repetitionType == .repeated)
        #expect(elements["element"]?.repetitionType == .optional)
        #expect(elements["minReaderVersion"]?.type == .int32)
        #expect(metadata.keyValueMetadata == [KeyValue(key: "writer", value: "sluice")])
        #expect(metadata.columnOrders?.count == metadata.rowGroups[0].columns.count)

        let chunks = metadata.rowGroups[0].columns.compactMap(\.metaData)
        #expect(chunks.count == 34)
        let byPath = Dictionary(uniqueKeysWithValues: chunks.map { ($0.pathInSchema.joined(separator: "."), $0) })
        let key = try #require(byPath["add.tags.key_value.key"])
        // Every row has one entry in every leaf, but a row whose map has k > 1 entries has k:
        // four add actions have two tags.
        #expect(key.numValues == Int64(DeltaCheckpointSample.rows.count + 4))
        let minReader = try #require(byPath["protocol.minReaderVersion"])
        #expect(minReader.numValues == Int64(DeltaCheckpointSample.rows.count))
        #expect(minReader.statistics?.nullCount == Int64(DeltaCheckpointSample.rows.count - 3))
        #expect(minReader.statistics?.minValue == [1, 0, 0, 0])
        #expect(minReader.statistics?.maxValue == [3, 0, 0, 0])
        #expect(byPath["metaData.partitionColumns.list.element"] != nil)
        #expect(byPath["metaData.format.options.key_value.value"] != nil)
    }

    // MARK: - Shapes

    @Test func deeperNestingRoundTrips() throws {
        let pointType = NestedType.structure([
            NestedField("x", .primitive(.int32), nullable: false),
            NestedField("tags", .list(element: .primitive(.string), elementNullable: true)),
        ])
        let schema = NestedSchema([
            NestedField("points", .list(element: pointType, elementNullable: true)),
            NestedField("groups", .map(key: .primitive(.string), value: .list(element: .primitive(.int64), elementNullable: false),
                                       valueNullable: true)),
            NestedField("matrix", .list(element: .list(element: .primitive(.float64), elementNullable: true), elementNullable: false),
                        nullable: false),
            NestedField("lookup", .map(key: .primitive(.int64), value: pointType, valueNullable: false)),
            NestedField("amount", .primitive(.decimal(precision: 38, scale: 4))),
        ])
        func point(_ x: Int32, _ tags: [String?]?) -> NestedValue {
            .structure([.value(.int32(x)), tags.map { .list($0.map { $0.map { .value(.string($0)) } ?? .null }) } ?? .null])
        }
        func longs(_ values: [Int64]) -> NestedValue { .list(values.map { .value(.int64($0)) }) }
        func doubles(_ values: [Double?]) -> NestedValue { .list(values.map { $0.map { .value(.float64($0)) } ?? .null }) }
        let rows: [[NestedValue]] = [
            [.list([point(1, ["a", nil, "b"]), .null, point(2, []), point(3, nil)]),
             .map([NestedMapEntry(key: .value(.string("odd")), value: longs([1, 3, 5])),
                   NestedMapEntry(key: .value(.string("none")), value: longs([])),
                   NestedMapEntry(key: .value(.string("unknown")), value: .null)]),
             .list([doubles([1.5, nil]), doubles([]), doubles([-0.0, .infinity, 2])]),
             .map([NestedMapEntry(key: .value(.int64(7)), value: point(7, ["seven"]))]),
             .value(.decimal(-12_345_678_901_234_567_890_123, scale: 4))],
            [.null, .null, .list([]), .null, .null],
            [.list([]), .map([]), .list([doubles([nil])]), .map([]), .value(.decimal(0, scale: 4))],
            [.list([.null]), .map([NestedMapEntry(key: .value(.string("")), value: longs([0]))]), .list([doubles([]), doubles([])]),
             .map([NestedMapEntry(key: .value(.int64(-1)), value: point(-1, [nil]))]), .value(.null)],
        ]
        try NestedParquetTests.expectRoundTrip(rows, schema: schema)
    }

    /// Random schemas up to four levels deep over every primitive type, random rows, small pages
    /// and row groups.
    @Test(arguments: 0..<24)
    func randomSchemasRoundTrip(seed: UInt64) throws {
        var factory = RandomNestedFactory(seed: seed)
        let schema = factory.schema(fieldCount: Int.random(in: 1...5, using: &factory.primitives.random), depthMax: 4)
        let rows = (0..<Int.random(in: 1...120, using: &factory.primitives.random)).map { _ in factory.row(schema) }
        var options = ParquetWriterOptions(codec: [.snappy, .gzip, .uncompressed][Int(seed % 3)])
        options.pageSizeBytes = [64, 1024, 1 << 20][Int(seed / 3 % 3)]
        options.rowGroupRowCountMax = [7, 50, 1000][Int(seed / 9 % 3)]
        try NestedParquetTests.expectRoundTrip(rows, schema: schema, options: options, "seed \(seed): \(schema)")
    }

    @Test func emptyFileHasItsSchemaAndNoRows() throws {
        let reader = try NestedParquetTests.open(try NestedParquetTests.write([], schema: DeltaCheckpointSample.schema))
        #expect(reader.schema == DeltaCheckpointSample.schema)
        #expect(reader.rowCount == 0)
        #expect(reader.metadata.rowGroups.isEmpty)
        #expect(try reader.readRows().isEmpty)
    }

    @Test func allNullColumnsRoundTrip() throws {
        let rows = [[NestedValue]](repeating: [.null, .null, .null, .null, .null], count: 1500)
        try NestedParquetTests.expectRoundTrip(rows, schema: DeltaCheckpointSample.schema)
        let schema = NestedSchema([
            NestedField("values", .list(element: .primitive(.string), elementNullable: true), nullable: false),
            NestedField("pairs", .map(key: .primitive(.string), value: .primitive(.int32), valueNullable: true), nullable: false),
        ])
        try NestedParquetTests.expectRoundTrip(Array(repeating: [.list([.null, .null]), .map([])], count: 300), schema: schema)
    }

    @Test func manyPagesAndRowGroupsRoundTrip() throws {
        var options = ParquetWriterOptions(codec: .snappy)
        options.pageSizeBytes = 200
        options.rowGroupRowCountMax = 1000
        let rows = (0..<4500).map { DeltaCheckpointSample.rows[$0 % DeltaCheckpointSample.rows.count] }
        let bytes = try NestedParquetTests.write(rows, schema: DeltaCheckpointSample.schema, options: options)
        let reader = try NestedParquetTests.open(bytes)
        #expect(reader.metadata.rowGroups.map(\.numRows) == [1000, 1000, 1000, 1000, 500])
        let pageCounts = reader.metadata.rowGroups[0].columns.compactMap { $0.metaData?.encodingStats?.first?.count }
        #expect(pageCounts.allSatisfy { $0 > 1 }, "\(pageCounts)")
        #expect(try reader.readRows() == rows)
        #expect(try reader.readRows(columns: ["metaData"]) == rows.map { [$0[3]] })
    }

    /// Flat files from the flat writer read the same through the nested reader, dictionary
    /// pages included.
    @Test func readsFlatFilesWithDictionaryPages() throws {
        var factory = RandomColumnFactory(seed: 5)
        let fields = RandomColumnFactory.allTypes.enumerated().map { Field("c\($0.offset)", $0.element, nullable: $0.offset % 2 == 0) }
        let schema = Schema(fields)
        let columns = fields.map { factory.column($0.type, rowCount: 300, nullPercent: $0.isNullable ? 20 : 0, distinctMax: 5) }
        var options = ParquetWriterOptions(codec: .snappy)
        options.rowGroupRowCountMax = 128
        let bytes = try ParquetTestFile.write([RecordBatch(schema: schema, columns: columns)], schema: schema, options: options)
        let reader = try NestedParquetTests.open(bytes)
        #expect(reader.schema == NestedSchema(fields.map { NestedField($0.name, .primitive($0.type), nullable: $0.isNullable) }))
        #expect(reader.metadata.rowGroups[0].columns.contains { $0.metaData?.dictionaryPageOffset != nil })
        let expected = (0..<300).map { row in columns.map { NestedParquetTests.canonical(.value($0[row])) } }
        #expect(try reader.readRows() == expected)
    }

    // MARK: - Legacy layouts

    /// Files from older writers: two-level lists, bare repeated fields, MAP_KEY_VALUE maps. Each
    /// has the same levels as a standard layout, so the test writes the standard file and
    /// swaps in the legacy schema.
    @Test func readsLegacyListAndMapLayouts() throws {
        func leaf(_ name: String, _ type: DataType, _ repetition: FieldRepetitionType) -> SchemaElement {
            var element = ParquetColumnDescriptor(writing: Field(name, type)).schemaElement
            element.repetitionType = repetition
            return element
        }
        let pair = NestedType.structure([NestedField("x", .primitive(.int32), nullable: false), NestedField("y", .primitive(.string))])
        let single = NestedType.structure([NestedField("x", .primitive(.int32), nullable: false)])
        let schema = NestedSchema([
            NestedField("twoLevel", .list(element: .primitive(.int32), elementNullable: false)),
            NestedField("bare", .list(element: .primitive(.string), elementNullable: false), nullable: false),
            NestedField("bareGroup", .list(element: pair, elementNullable: false), nullable: false),
            NestedField("arrayNamed", .list(element: single, elementNullable: false)),
            NestedField("tupleNamed", .list(element: single, elementNullable: false)),
            NestedField("keyValue", .map(key: .primitive(.string), value: .primitive(.int64), valueNullable: true)),
        ])
        let legacy: [SchemaElement] = [
            SchemaElement(name: "schema", numChildren: 6),
            SchemaElement(repetitionType: .optional, name: "twoLevel", numChildren: 1, convertedType: .list),
            leaf("element", .int32, .repeated),
            leaf("bare", .string, .repeated),
            SchemaElement(repetitionType: .repeated, name: "bareGroup", numChildren: 2),
            leaf("x", .int32, .required),
            leaf("y", .string, .optional),
            SchemaElement(repetitionType: .optional, name: "arrayNamed", numChildren: 1, convertedType: .list, logicalType: .list),
            SchemaElement(repetitionType: .repeated, name: "array", numChildren: 1),
            leaf("x", .int32, .required),
            SchemaElement(repetitionType: .optional, name: "tupleNamed", numChildren: 1, convertedType: .list),
            SchemaElement(repetitionType: .repeated, name: "tupleNamed_tuple", numChildren: 1),
            leaf("x", .int32, .required),
            SchemaElement(repetitionType: .optional, name: "keyValue", numChildren: 1, convertedType: .mapKeyValue),
            SchemaElement(repetitionType: .repeated, name: "map", numChildren: 2, convertedType: .mapKeyValue),
            leaf("key", .string, .required),
            leaf("value", .int64, .optional),
        ]
        func ints(_ values: [Int32]) -> NestedValue { .list(values.map { .value(.int32($0)) }) }
        func singles(_ values: [Int32]) -> NestedValue { .list(values.map { .structure([.value(.int32($0))]) }) }
        let rows: [[NestedValue]] = [
            [ints([1, 2]), .list([.value(.string("a"))]),
             .list([.structure([.value(.int32(1)), .value(.string("one"))]), .structure([.value(.int32(2)), .null])]),
             singles([4, 5]), singles([6]),
             .map([NestedMapEntry(key: .value(.string("k")), value: .value(.int64(9))),
                   NestedMapEntry(key: .value(.string("n")), value: .null)])],
            [.null, .list([]), .list([]), .null, .list([]), .null],
            [ints([]), .list([.value(.string("")), .value(.string("b"))]), .list([]), singles([]), .null, .map([])],
        ]
        let bytes = try NestedParquetTests.write(rows, schema: schema)
        let legacyBytes = try NestedParquetTests.replacingSchema(of: bytes, with: legacy)
        let reader = try NestedParquetTests.open(legacyBytes)
        #expect(reader.schema == schema)
        #expect(try reader.readRows() == rows)
    }

    /// The file with its footer's schema replaced.
    static func replacingSchema(of bytes: [UInt8], with schema: [SchemaElement]) throws -> [UInt8] {
        var metadata = try open(bytes).metadata
        metadata.schema = schema
        let footerLength = Int(bytes[(bytes.count - 8)..<(bytes.count - 4)].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self).littleEndian })
        let footer = metadata.encoded()
        return Array(bytes[0..<(bytes.count - 8 - footerLength)]) + footer
            + withUnsafeBytes(of: UInt32(footer.count).littleEndian) { Array($0) } + ParquetFormat.magic
    }

    // MARK: - Misuse

    @Test func writerRefusesRowsThatDoNotFitAndKeepsTheEarlierOnes() throws {
        let schema = DeltaCheckpointSample.schema
        let file = MemoryWritableFile()
        let writer = try NestedParquetWriter(file: file, schema: schema)
        let good = DeltaCheckpointSample.rows
        try writer.write(Array(good[0..<3]))
        let requiredNull = DeltaCheckpointSample.row(1, .structure([.null, .null, .null, .null, .null, .null, .null]))
        #expect(throws: SluiceError.userInput("field 'add.path' is not nullable but the row holds a null there")) {
            try writer.write([good[3], requiredNull, good[4]])
        }
        // Fails after a leaf got its value: the partial row must not stay behind.
        let nullKey = DeltaCheckpointSample.addAction(1, partitionValues: .map([NestedMapEntry(key: .null, value: .null)]), tags: .null, stats: .null)
        #expect(throws: SluiceError.self) { try writer.write([nullKey]) }
        let wrongType = DeltaCheckpointSample.row(0, .structure([.value(.int64(1)), .null, .null]))
        #expect(throws: SluiceError.userInput("field 'txn.appId': value 1 does not fit a STRING column")) {
            try writer.write([wrongType])
        }
        #expect(throws: SluiceError.userInput("struct field 'txn' has 3 fields but the row gives 1 values")) {
            try writer.write([DeltaCheckpointSample.row(0, .structure([.null]))])
        }
        #expect(throws: SluiceError.userInput("row has 1 values for 5 top-level fields")) { try writer.write([[.null]]) }
        #expect(throws: SluiceError.self) { try writer.write([DeltaCheckpointSample.row(4, .list([]))]) }
        try writer.write(Array(good[5...]))
        try writer.close()
        let reader = try NestedParquetTests.open(file.bytes)
        #expect(try reader.readRows() == Array(good[0..<4]) + Array(good[5...]))
    }

    @Test func writerRefusesSchemasParquetCannotStore() {
        #expect(throws: SluiceError.userInput("struct field 'a.b' has no fields; Parquet cannot store an empty group")) {
            try NestedParquetWriter(file: MemoryWritableFile(), schema: NestedSchema([
                NestedField("a", .structure([NestedField("b", .structure([]))])),
            ]))
        }
        #expect(throws: SluiceError.userInput("the schema has two fields named 'a'")) {
            try NestedParquetWriter(file: MemoryWritableFile(), schema: NestedSchema([
                NestedField("a", .primitive(.int32)), NestedField("a", .primitive(.string)),
            ]))
        }
        #expect(throws: SluiceError.userInput("a Parquet file needs at least one column")) {
            try NestedParquetWriter(file: MemoryWritableFile(), schema: NestedSchema([]))
        }
        var deep = NestedType.primitive(.int32)
        for _ in 0..<NestedSchemaLayout.depthMax { deep = .structure([NestedField("s", deep)]) }
        do {
            _ = try NestedParquetWriter(file: MemoryWritableFile(), schema: NestedSchema([NestedField("deep", deep)]))
            Issue.record("a schema nested \(NestedSchemaLayout.depthMax) levels deep was accepted")
        } catch let error as SluiceError {
            #expect(error.fault == .userInput, "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func decimalsAndWidenedIntegersAreStoredInTheirColumnType() throws {
        let schema = NestedSchema([NestedField("v", .list(element: .structure([
            NestedField("big", .primitive(.int64)), NestedField("price", .primitive(.decimal(precision: 9, scale: 2))),
        ]), elementNullable: false))])
        let bytes = try NestedParquetTests.write([[.list([.structure([.value(.int32(5)), .value(.int32(3))])])]], schema: schema)
        #expect(try NestedParquetTests.open(bytes).readRows() == [[.list([.structure([.value(.int64(5)), .value(.decimal(300, scale: 2))])])]])
        #expect(throws: SluiceError.self) {
            _ = try NestedParquetTests.write([[.list([.structure([.null, .value(.decimal(1_000_000_000, scale: 2))])])]], schema: schema)
        }
    }

    // MARK: - Damage

    /// Seeded mutations of a checkpoint file: each must read or fail with a data error naming
    /// the file, never crash or hang.
    @Test func mutatedFilesFailCleanly() throws {
        var options = ParquetWriterOptions(codec: .snappy)
        options.pageSizeBytes = 128
        options.rowGroupRowCountMax = 11
        let seedFiles = [
            try NestedParquetTests.write(DeltaCheckpointSample.rows, schema: DeltaCheckpointSample.schema, options: options),
            try NestedParquetTests.write(DeltaCheckpointSample.rows, schema: DeltaCheckpointSample.schema,
                                         options: ParquetWriterOptions(codec: .uncompressed)),
        ]
        var random = SeededRandomGenerator(seed: 77)
        var outcomes: [String: Int] = [:]
        for original in seedFiles {
            let pageStarts = try ReaderFuzzTests.pageStarts(original)
            for mutation in ReaderFuzzTests.Mutation.allCases {
                for _ in 0..<30 {
                    let (bytes, description) = ReaderFuzzTests.mutate(original, mutation, pageStarts: pageStarts, using: &random)
                    do {
                        _ = try NestedParquetTests.open(bytes).readRows()
                        outcomes["read", default: 0] += 1
                    } catch let error as SluiceError {
                        outcomes["\(error.fault)", default: 0] += 1
                        #expect(error.fault == .data, "\(description): \(error)")
                        #expect(error.location?.file == NestedParquetTests.path, "\(description): \(error)")
                    }
                }
            }
        }
        #expect(outcomes["data", default: 0] > 300, "\(outcomes)")
    }

    /// A definition level above the leaf's maximum is refused where it is decoded.
    @Test func levelAboveItsMaximumIsAnError() throws {
        let schema = NestedSchema([NestedField("a", .list(element: .primitive(.int32), elementNullable: true))])
        let bytes = try NestedParquetTests.write([[.list([.value(.int32(1))])]], schema: schema,
                                                 options: ParquetWriterOptions(codec: .uncompressed))
        // Elements made required: the maximum drops from 3 to 2 at the same 2-bit width, and the
        // page's level 3 no longer fits.
        var elements = try NestedParquetTests.open(bytes).metadata.schema
        #expect(elements[3].name == "element")
        elements[3].repetitionType = .required
        let reader = try NestedParquetTests.open(try NestedParquetTests.replacingSchema(of: bytes, with: elements))
        #expect(throws: SluiceError.data("corrupt page: definition level 3 above the maximum 2",
                                         at: SourceLocation(file: NestedParquetTests.path, byteOffset: 4, field: "a.list.element"))) {
            try reader.readRows()
        }
    }
}
