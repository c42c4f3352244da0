import Foundation
@testable import Parquet
import SluiceCore
import Testing

/// Files written by `ParquetWriter` read back by `ParquetReader` exactly: every type, codec,
/// encoding and layout, plus row-group pruning and the writer's failure paths.
@Suite struct RoundTripTests {
    // MARK: - Helpers

    /// Writes `batches`, reads the whole file back and checks it equals the input exactly.
    @discardableResult
    private func roundTrip(_ batches: [RecordBatch], schema: Schema, options: ParquetWriterOptions = ParquetWriterOptions(),
                           sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> ParquetReader {
        let bytes = try ParquetTestFile.write(batches, schema: schema, options: options)
        let reader = try ParquetTestFile.open(bytes)
        #expect(reader.schema == schema, sourceLocation: sourceLocation)
        let expected = concatenate(batches, schema: schema)
        #expect(reader.rowCount == Int64(expected.rowCount), sourceLocation: sourceLocation)
        let actual = try ParquetTestFile.readConcatenated(reader)
        #expect(actual == expected, sourceLocation: sourceLocation)
        if actual != expected { reportFirstDifference(actual, expected, sourceLocation: sourceLocation) }
        let float64Columns = schema.fields.indices.filter { schema.fields[$0].type == .float64 }
        for column in float64Columns {
            // `==` on doubles equates -0.0 and +0.0; the bits must survive too.
            #expect(bitPatterns(actual.columns[column]) == bitPatterns(expected.columns[column]), sourceLocation: sourceLocation)
        }
        return reader
    }

    private func bitPatterns(_ column: Column) -> [UInt64] {
        guard case .float64(let values) = column.values else { return [] }
        return values.map(\.bitPattern)
    }

    private func reportFirstDifference(_ actual: RecordBatch, _ expected: RecordBatch, sourceLocation: Testing.SourceLocation) {
        guard actual.rowCount == expected.rowCount else {
            Issue.record("row counts differ: \(actual.rowCount) read, \(expected.rowCount) written", sourceLocation: sourceLocation)
            return
        }
        for row in 0..<actual.rowCount where actual.row(row) != expected.row(row) {
            Issue.record("row \(row) differs: read \(actual.row(row)), wrote \(expected.row(row))", sourceLocation: sourceLocation)
            return
        }
    }

    private func decimals(_ unscaled: [Int128?], precision: Int, scale: Int) throws -> Column {
        try Column(type: .decimal(precision: precision, scale: scale), unscaled.map { $0.map { .decimal($0, scale: scale) } ?? .null })
    }

    private func batch(_ schema: Schema, _ columns: [Column]) -> RecordBatch {
        RecordBatch(schema: schema, columns: columns)
    }

    private func options(codec: CompressionCodec = .snappy, dictionary: Bool = true, rowGroupRows: Int? = nil,
                         pageSizeBytes: Int? = nil, dictionaryBytesMax: Int? = nil) -> ParquetWriterOptions {
        var options = ParquetWriterOptions(codec: codec)
        options.dictionaryEnabled = dictionary
        if let rowGroupRows { options.rowGroupRowCountMax = rowGroupRows }
        if let pageSizeBytes { options.pageSizeBytes = pageSizeBytes }
        if let dictionaryBytesMax { options.dictionaryPageSizeBytesMax = dictionaryBytesMax }
        return options
    }

    /// Data pages of each encoding in the chunks of one column, over all row groups.
    private func dataPageEncodings(_ reader: ParquetReader, column: Int) -> [Encoding: Int] {
        var counts: [Encoding: Int] = [:]
        for rowGroup in reader.metadata.rowGroups {
            for stats in rowGroup.columns[column].metaData?.encodingStats ?? [] where stats.pageType != .dictionaryPage {
                counts[stats.encoding, default: 0] += Int(stats.count)
            }
        }
        return counts
    }

    // MARK: - Types and values

    static let typeCases: [(DataType, Bool)] = RandomColumnFactory.allTypes.flatMap { [($0, true), ($0, false)] }

    @Test(arguments: typeCases)
    func everyTypeRoundTrips(type: DataType, nullable: Bool) throws {
        var factory = RandomColumnFactory(seed: 7)
        let schema = Schema([Field("value", type, nullable: nullable), Field("row", .int64, nullable: false)])
        for dictionary in [true, false] {
            let rowCount = 700
            let values = factory.column(type, rowCount: rowCount, nullPercent: nullable ? 20 : 0)
            let rows = Column(type: .int64, values: .int64((0..<Int64(rowCount)).map { $0 }))
            try roundTrip([batch(schema, [values, rows])], schema: schema, options: options(dictionary: dictionary))
        }
    }

    @Test(arguments: RandomColumnFactory.allTypes)
    func allNullColumnsRoundTrip(type: DataType) throws {
        let schema = Schema([Field("nothing", type), Field("something", .int32)])
        var nulls = ColumnBuilder(type: type)
        for _ in 0..<300 { nulls.appendNull() }
        let columns = [nulls.finish(), Column(type: .int32, values: .int32((0..<300).map { Int32($0) }))]
        for codec in [CompressionCodec.uncompressed, .snappy, .gzip, .zstd] {
            let reader = try roundTrip([batch(schema, columns)], schema: schema,
                                       options: options(codec: codec, rowGroupRows: 128))
            #expect(reader.rowGroupCount == 3)
            for index in 0..<reader.rowGroupCount {
                let statistics = reader.metadata.rowGroups[index].columns[0].metaData?.statistics
                #expect(statistics?.nullCount == Int64(reader.rowCount(ofRowGroup: index)))
                #expect(statistics?.minValue == nil && statistics?.maxValue == nil)
            }
        }
    }

    @Test func dictionaryStringsOfEveryShortLengthKeepTheirBytes() throws {
        // Lengths 0 to 40 cover each way a dictionary value is copied (bytes, words, memmove),
        // each value a different byte pattern, repeated so the dictionary is used.
        let entries = (0...40).map { length in (0..<length).map { UInt8(truncatingIfNeeded: length &* 31 &+ $0 &* 7 &+ 1) } }
        var generator = SeededRandomGenerator(seed: 41)
        let rows = (0..<5000).map { _ in entries[Int.random(in: 0..<entries.count, using: &generator)] }
        let schema = Schema([Field("bytes", .binary, nullable: false)])
        var builder = ColumnBuilder(type: .binary)
        for row in rows { builder.append(bytes: row) }
        let reader = try roundTrip([batch(schema, [builder.finish()])], schema: schema, options: options(dictionary: true))
        #expect(reader.metadata.rowGroups[0].columns[0].metaData?.encodings.contains(.rleDictionary) == true)
        guard case .bytes(let buffer) = try reader.readRowGroup(0).columns[0].values else {
            Issue.record("binary column not stored as bytes")
            return
        }
        for (index, row) in rows.enumerated() { #expect(Array(buffer[index]) == row) }
    }

    @Test func emptyAndUnicodeStringsKeepTheirExactBytes() throws {
        let texts = RandomColumnFactory.sampleStrings + ["", "", "x", String(repeating: "ä", count: 5000)]
        let schema = Schema([Field("text", .string), Field("bytes", .binary, nullable: false)])
        var textBuilder = ColumnBuilder(type: .string)
        var bytesBuilder = ColumnBuilder(type: .binary)
        for text in texts {
            textBuilder.append(text)
            bytesBuilder.append(bytes: Array(text.utf8))
        }
        textBuilder.appendNull()
        bytesBuilder.append(bytes: [0x00, 0xFF, 0xC3])  // Not UTF-8, and fine as binary.
        let columns = [textBuilder.finish(), bytesBuilder.finish()]
        for dictionary in [true, false] {
            let reader = try roundTrip([batch(schema, columns)], schema: schema, options: options(dictionary: dictionary))
            // "e" + combining acute and "é" are equal Swift strings but different bytes: both survive.
            guard case .bytes(let buffer) = try reader.readRowGroup(0).columns[0].values else {
                Issue.record("string column not stored as bytes")
                return
            }
            for form in ["e\u{301}", "\u{E9}"] {
                let row = texts.firstIndex { Array($0.utf8) == Array(form.utf8) }!
                #expect(Array(buffer[row]) == Array(form.utf8))
            }
        }
    }

    @Test func integerExtremesSurviveEveryEncoding() throws {
        let schema = Schema([
            Field("i32", .int32, nullable: false), Field("i64", .int64, nullable: false),
            Field("day", .date), Field("at", .timestamp),
            Field("d9", .decimal(precision: 9, scale: 2)), Field("d18", .decimal(precision: 18, scale: 4)),
            Field("d38", .decimal(precision: 38, scale: 10)),
        ])
        let d9 = Decimal128.powerOfTen(9) - 1
        let d18 = Decimal128.powerOfTen(18) - 1
        let d38 = Decimal128.powerOfTen(38) - 1
        let columns = [
            Column(type: .int32, values: .int32([.min, .max, 0, -1, 1, .min + 1, .max - 1])),
            Column(type: .int64, values: .int64([.min, .max, 0, -1, 1, .min + 1, .max - 1])),
            Column(type: .date, values: .int32([.min, .max, 0, -1, 1, -719_162, 2_932_896])),
            Column(type: .timestamp, values: .int64([.min, .max, 0, -1, 1, 253_402_300_799_999_999, -62_135_596_800_000_000])),
            try decimals([d9, -d9, 0, -1, 1, 12_345, nil], precision: 9, scale: 2),
            try decimals([d18, -d18, 0, -1, 1, nil, 5], precision: 18, scale: 4),
            try decimals([d38, -d38, 0, -1, 1, Int128(Int64.max) * 1000, nil], precision: 38, scale: 10),
        ]
        for codec in [CompressionCodec.uncompressed, .snappy, .gzip, .zstd] {
            for dictionary in [true, false] {
                let reader = try roundTrip([batch(schema, columns)], schema: schema, options: options(codec: codec, dictionary: dictionary))
                let chunks = reader.columnChunkSummaries(rowGroup: 0)
                #expect(chunks[0].min == .int32(.min) && chunks[0].max == .int32(.max))
                #expect(chunks[1].min == .int64(.min) && chunks[1].max == .int64(.max))
                #expect(chunks[4].min == .decimal(-d9, scale: 2) && chunks[4].max == .decimal(d9, scale: 2))
                #expect(chunks[5].min == .decimal(-d18, scale: 4) && chunks[5].max == .decimal(d18, scale: 4))
                #expect(chunks[6].min == .decimal(-d38, scale: 10) && chunks[6].max == .decimal(d38, scale: 10))
            }
        }
    }

    // MARK: - Codecs, encodings, layout

    static let codecAndDictionary: [(CompressionCodec, Bool)] = [CompressionCodec.uncompressed, .snappy, .gzip, .zstd].flatMap { [($0, true), ($0, false)] }

    @Test(arguments: codecAndDictionary)
    func everyCodecWithAndWithoutDictionary(codec: CompressionCodec, dictionary: Bool) throws {
        var factory = RandomColumnFactory(seed: 11)
        let fields = RandomColumnFactory.allTypes.enumerated().map { Field("c\($0.offset)", $0.element, nullable: $0.offset % 2 == 0) }
        let schema = Schema(fields)
        let columns = fields.map { factory.column($0.type, rowCount: 2500, nullPercent: $0.isNullable ? 10 : 0, distinctMax: 40) }
        let reader = try roundTrip([batch(schema, columns)], schema: schema, options: options(codec: codec, dictionary: dictionary))
        for column in 0..<schema.count {
            let chunk = reader.columnChunkSummaries(rowGroup: 0)[column]
            #expect(chunk.codec == codec.name)
            let encodings = dataPageEncodings(reader, column: column)
            let dictionaryCapable = [PhysicalType.int32, .int64, .double, .byteArray].contains(reader.metadata.rowGroups[0].columns[column].metaData!.type)
            // Forty distinct values in 2500 rows: the dictionary pays off wherever it is allowed.
            #expect((encodings[.rleDictionary] != nil) == (dictionary && dictionaryCapable), "column \(fields[column])")
        }
    }

    @Test func dictionaryFallsBackToPlainMidChunk() throws {
        let schema = Schema([Field("text", .string), Field("number", .int64, nullable: false)])
        var batches: [RecordBatch] = []
        // Repetitive batches first, so the dictionary is kept after the first page...
        for batchIndex in 0..<5 {
            let texts = (0..<200).map { row -> Value in row % 17 == 0 ? .null : .string("word\(row % 5)") }
            let numbers = (0..<200).map { Value.int64(Int64(($0 + batchIndex) % 4)) }
            batches.append(batch(schema, [try Column(type: .string, texts), try Column(type: .int64, numbers)]))
        }
        // ...then distinct values that overflow its size bound.
        for batchIndex in 0..<5 {
            let texts = (0..<200).map { Value.string("distinct-\(batchIndex)-\($0)-" + String(repeating: "z", count: $0 % 30)) }
            let numbers = (0..<200).map { Value.int64(Int64(batchIndex * 1000 + $0) * 7_919) }
            batches.append(batch(schema, [try Column(type: .string, texts), try Column(type: .int64, numbers)]))
        }
        let reader = try roundTrip(batches, schema: schema, options: options(pageSizeBytes: 64, dictionaryBytesMax: 512))
        #expect(reader.rowGroupCount == 1)
        for column in 0..<2 {
            let encodings = dataPageEncodings(reader, column: column)
            #expect(encodings[.rleDictionary, default: 0] >= 1 && encodings[.plain, default: 0] >= 1, "column \(column): \(encodings)")
            #expect(reader.metadata.rowGroups[0].columns[column].metaData?.dictionaryPageOffset != nil)
        }
        // Statistics cover the values of both the dictionary and the plain pages.
        let chunks = reader.columnChunkSummaries(rowGroup: 0)
        #expect(chunks[0].min == .string("distinct-0-0-") && chunks[0].max == .string("word4"))
        #expect(chunks[1].min == .int64(0) && chunks[1].max == .int64((4 * 1000 + 199) * 7_919))
    }

    /// The dictionary outgrows its bound in the second slice of a page that is still open: the
    /// page must keep the indices of both slices (it once kept the row count of the first only).
    @Test func dictionaryFallbackInsideAnOpenPage() throws {
        let schema = Schema([Field("text", .string), Field("number", .int64, nullable: false)])
        let rowCount = 10_000
        let texts = (0..<rowCount).map { row -> Value in
            row % 11 == 0 ? .null : .string(row < 4096 ? "few\(row % 3)" : "many-\(row)")
        }
        let numbers = (0..<rowCount).map { Value.int64($0 < 4096 ? Int64($0 % 3) : Int64($0)) }
        let columns = [try Column(type: .string, texts), try Column(type: .int64, numbers)]
        for codec in [CompressionCodec.uncompressed, .snappy] {
            let reader = try roundTrip([batch(schema, columns)], schema: schema, options: options(codec: codec, dictionaryBytesMax: 4096))
            for column in 0..<2 {
                let encodings = dataPageEncodings(reader, column: column)
                #expect(encodings[.rleDictionary] == 1 && encodings[.plain] == 1, "column \(column): \(encodings)")
            }
        }
    }

    @Test func manyRowGroupsAndBatchesThatCrossThem() throws {
        var factory = RandomColumnFactory(seed: 23)
        let fields = [Field("id", DataType.int64, nullable: false), Field("name", .string), Field("amount", .decimal(precision: 18, scale: 4))]
        let schema = Schema(fields)
        // Batches of 5 rows into row groups of 7: most batches are split between two groups.
        var batches: [RecordBatch] = []
        for start in stride(from: 0, to: 103, by: 5) {
            let count = min(5, 103 - start)
            let ids = Column(type: .int64, values: .int64((start..<(start + count)).map { Int64($0) }))
            batches.append(batch(schema, [ids] + fields.dropFirst().map { factory.column($0.type, rowCount: count, nullPercent: 25) }))
        }
        let reader = try roundTrip(batches, schema: schema, options: options(rowGroupRows: 7))
        #expect(reader.rowGroupCount == 15)
        #expect((0..<14).allSatisfy { reader.rowCount(ofRowGroup: $0) == 7 } && reader.rowCount(ofRowGroup: 14) == 5)
        var sequence = try reader.batches()
        var nextID: Int64 = 0
        while let group = try sequence.next() {
            #expect(group.columns[0] == Column(type: .int64, values: .int64((nextID..<(nextID + Int64(group.rowCount))).map { $0 })))
            nextID += Int64(group.rowCount)
        }
        #expect(nextID == 103)
    }

    @Test func manyPagesPerChunk() throws {
        var factory = RandomColumnFactory(seed: 29)
        let schema = Schema(RandomColumnFactory.allTypes.enumerated().map { Field("c\($0.offset)", $0.element) })
        // Every batch ends a page when pages are tiny.
        let batches = (0..<40).map { index in
            batch(schema, schema.fields.map { factory.column($0.type, rowCount: 25 + index, nullPercent: 15, distinctMax: index % 2 == 0 ? 8 : nil) })
        }
        for dictionary in [true, false] {
            let reader = try roundTrip(batches, schema: schema, options: options(codec: .gzip, dictionary: dictionary, pageSizeBytes: 1))
            for column in 0..<schema.count {
                let pages = dataPageEncodings(reader, column: column).values.reduce(0, +)
                #expect(pages == 40, "column \(schema.fields[column]) has \(pages) data pages")
            }
        }
    }

    @Test func zeroRowFiles() throws {
        let schema = Schema(RandomColumnFactory.allTypes.enumerated().map { Field("c\($0.offset)", $0.element, nullable: $0.offset % 3 != 0) })
        for batches in [[], [RecordBatch(emptyOf: schema)]] {
            let reader = try roundTrip(batches, schema: schema)
            #expect(reader.rowGroupCount == 0 && reader.rowCount == 0)
            var sequence = try reader.batches(predicates: [ColumnPredicate(column: "c1", .equal, .int32(1))])
            #expect(sequence.selectedRowGroups.isEmpty)
            #expect(try sequence.next() == nil)
        }
    }

    @Test func projectionReadsASubsetInAnotherOrder() throws {
        var factory = RandomColumnFactory(seed: 31)
        let schema = Schema(RandomColumnFactory.allTypes.enumerated().map { Field("c\($0.offset)", $0.element, nullable: $0.offset != 3) })
        let columns = schema.fields.map { factory.column($0.type, rowCount: 500, nullPercent: $0.isNullable ? 30 : 0) }
        let bytes = try ParquetTestFile.write([batch(schema, columns)], schema: schema, options: options(rowGroupRows: 128))
        let reader = try ParquetTestFile.open(bytes)
        let names = ["c8", "c0", "c4", "c10"]
        let indices = try reader.columnIndices(names)
        #expect(indices == [8, 0, 4, 10])
        let expected = batch(try schema.projecting(names), indices.map { columns[$0] })
        #expect(try ParquetTestFile.readConcatenated(reader, columns: indices) == expected)
        var sequence = try reader.batches(columns: names)
        var groups: [RecordBatch] = []
        while let group = try sequence.next() { groups.append(group) }
        #expect(groups.map(\.schema.fields) == Array(repeating: expected.schema.fields, count: 4))
        #expect(concatenate(groups, schema: expected.schema) == expected)
        #expect(throws: SluiceError.self) { _ = try reader.batches(columns: ["c0", "nope"]) }
    }

    // MARK: - Pruning

    /// Ten row groups of 100 rows, each column sorted so each group holds one contiguous range.
    private func prunableFile() throws -> ParquetReader {
        let schema = Schema([
            Field("id", .int64, nullable: false), Field("small", .int32), Field("name", .string),
            Field("day", .date), Field("price", .decimal(precision: 9, scale: 2)), Field("big", .decimal(precision: 38, scale: 10)),
            Field("sparse", .int64), Field("constant", .int32, nullable: false),
        ])
        let ids = Array(0..<1000)
        func pad(_ id: Int) -> String { String(repeating: "0", count: 4 - String(id).count) + String(id) }
        let columns = [
            Column(type: .int64, values: .int64(ids.map { Int64($0) })),
            Column(type: .int32, values: .int32(ids.map { Int32($0) - 500 })),
            try Column(type: .string, ids.map { .string("k" + pad($0)) }),
            Column(type: .date, values: .int32(ids.map { Int32($0) + 19_000 })),
            try Column(type: .decimal(precision: 9, scale: 2), ids.map { .decimal(Int128($0) * 25, scale: 2) }),
            try Column(type: .decimal(precision: 38, scale: 10), ids.map { .decimal(Int128($0) * Decimal128.powerOfTen(20), scale: 10) }),
            // All null in row groups 3 and 7.
            try Column(type: .int64, ids.map { [3, 7].contains($0 / 100) ? .null : .int64(Int64($0)) }),
            // 42 throughout row group 5, distinct elsewhere.
            Column(type: .int32, values: .int32(ids.map { $0 / 100 == 5 ? 42 : Int32($0) })),
        ]
        let bytes = try ParquetTestFile.write([batch(schema, columns)], schema: schema, options: options(rowGroupRows: 100))
        return try ParquetTestFile.open(bytes)
    }

    /// The row groups a predicate keeps, computed from the data: a group survives when any value
    /// of its [min, max] range, as this test computes it, could satisfy the predicate.
    private func expectedGroups(_ reader: ParquetReader, _ predicate: ColumnPredicate) throws -> [Int] {
        let column = reader.schema.index(of: predicate.column)!
        let literal = try predicate.literal(as: reader.schema.fields[column].type)
        return try (0..<reader.rowGroupCount).filter { group in
            let values = try reader.readRowGroup(group, columns: [column]).columns[0]
            let present = (0..<values.count).filter { !values.isNull($0) }.map { values[$0] }
            guard let low = present.min(by: { $0.compare(to: $1)! < 0 }),
                  let high = present.max(by: { $0.compare(to: $1)! < 0 }) else { return false }
            let lowOrder = low.compare(to: literal)!
            let highOrder = high.compare(to: literal)!
            switch predicate.op {
            case .equal: return lowOrder <= 0 && highOrder >= 0
            case .notEqual: return lowOrder != 0 || highOrder != 0
            case .less: return lowOrder < 0
            case .lessOrEqual: return lowOrder <= 0
            case .greater: return highOrder > 0
            case .greaterOrEqual: return highOrder >= 0
            }
        }
    }

    @Test func predicatesPruneRowGroupsOnEveryOperator() throws {
        let reader = try prunableFile()
        let literals: [(String, [Value])] = [
            ("id", [.int64(-1), .int64(0), .int64(250), .int64(299), .int64(300), .int64(999), .int64(5000)]),
            ("small", [.int64(-500), .int64(-1), .int64(0), .int64(499), .int32(123)]),
            ("name", [.string("k0000"), .string("k0150"), .string("k0150x"), .string("k0999"), .string("a"), .string("z")]),
            ("day", [.string("2022-01-08"), .date(19_450), .date(18_000), .date(21_000)]),
            ("price", [.decimal(0, scale: 0), .decimal(625, scale: 1), .decimal(2500, scale: 2), .string("99.99"), .int64(300)]),
            ("big", [.int64(0), .int64(50_000_000_000), .decimal(Int128(999) * Decimal128.powerOfTen(20), scale: 10)]),
            ("sparse", [.int64(0), .int64(350), .int64(750), .int64(999)]),
            ("constant", [.int64(42), .int64(0), .int64(999)]),
        ]
        var prunedSomething = Set<ColumnPredicate.Operator>()
        for (column, values) in literals {
            for literal in values {
                for op in ColumnPredicate.Operator.allCases {
                    let predicate = ColumnPredicate(column: column, op, literal)
                    let selected = try reader.batches(predicates: [predicate]).selectedRowGroups
                    let expected = try expectedGroups(reader, predicate)
                    #expect(selected == expected, "\(predicate)")
                    if selected.count < reader.rowGroupCount { prunedSomething.insert(op) }
                    try expectNoMatchingRowIsLost(reader, predicate, selected: selected)
                }
            }
        }
        #expect(prunedSomething == Set(ColumnPredicate.Operator.allCases))
    }

    /// Soundness: every row that matches lies in a selected row group.
    private func expectNoMatchingRowIsLost(_ reader: ParquetReader, _ predicate: ColumnPredicate, selected: [Int]) throws {
        for group in 0..<reader.rowGroupCount where !selected.contains(group) {
            let rows = try reader.readRowGroup(group).filter(predicate)
            #expect(rows.rowCount == 0, "\(predicate) pruned row group \(group) holding \(rows.rowCount) matching rows")
        }
    }

    @Test func specificPruningCases() throws {
        let reader = try prunableFile()
        func selected(_ text: String) throws -> [Int] {
            try reader.batches(predicates: [ColumnPredicate(parsing: text)]).selectedRowGroups
        }
        #expect(try selected("id = 250") == [2])
        #expect(try selected("id < 300") == [0, 1, 2])
        #expect(try selected("id <= 300") == [0, 1, 2, 3])
        #expect(try selected("id > 899") == [9])
        #expect(try selected("id >= 899") == [8, 9])
        #expect(try selected("id != 5") == Array(0..<10))
        #expect(try selected("name = 'k0420'") == [4])
        #expect(try selected("name >= 'k0950'") == [9])
        #expect(try selected("day < 1972-01-01") == [])
        #expect(try selected("day = 2022-01-08") == [0])  // 19_000 days after the epoch.
        #expect(try selected("price > 224.75") == [9])
        #expect(try selected("price <= 0.00") == [0])
        // All-null row groups never match, whatever the comparison.
        #expect(try selected("sparse != 12345") == [0, 1, 2, 4, 5, 6, 8, 9])
        #expect(try selected("sparse >= 300") == [4, 5, 6, 8, 9])
        // A row group whose every value equals the literal is the only one `!=` can skip.
        #expect(try selected("constant != 42") == [0, 1, 2, 3, 4, 6, 7, 8, 9])
        // Several predicates must all hold.
        let both = try reader.batches(predicates: [ColumnPredicate(parsing: "id >= 250"), ColumnPredicate(parsing: "name < 'k0420'")])
        #expect(both.selectedRowGroups == [2, 3, 4])
        // A literal that cannot be compared with the column prunes nothing.
        #expect(try selected("day = 'soon'") == Array(0..<10))
        #expect(throws: SluiceError.self) { _ = try reader.batches(predicates: [ColumnPredicate(parsing: "missing = 1")]) }
    }

    // MARK: - Footer

    @Test func footerKeyValueMetadataRoundTrips() throws {
        var schema = Schema([Field("a", .int32)])
        schema.metadata = ["from.schema": "yes", "shared": "schema loses"]
        var options = options()
        options.keyValueMetadata = ["app": "sluice", "ключ": "значение 🍕", "empty": "", "shared": "options win",
                                    "long": String(repeating: "x", count: 10_000)]
        let bytes = try ParquetTestFile.write([batch(schema, [Column(type: .int32, values: .int32([1, 2]))])], schema: schema, options: options)
        let reader = try ParquetTestFile.open(bytes)
        let expected = ["app": "sluice", "ключ": "значение 🍕", "empty": "", "shared": "options win",
                        "long": String(repeating: "x", count: 10_000), "from.schema": "yes"]
        #expect(reader.schema.metadata == expected)
        let keys = reader.metadata.keyValueMetadata?.map(\.key) ?? []
        #expect(keys == keys.sorted() && keys.count == expected.count)
        #expect(reader.metadata.createdBy == options.createdBy)
        #expect(try reader.readRowGroup(0).schema.metadata == expected)
    }

    // MARK: - Failures

    @Test func nullsInANotNullColumnThrowAndAbortLeavesNoFile() throws {
        let directory = try TemporaryDirectory()
        let fileSystem = LocalFileSystem()
        let path = directory.path + "/out.parquet"
        let schema = Schema([Field("id", .int64, nullable: false), Field("name", .string)])
        let file = try fileSystem.create(path, overwrite: false)
        let writer = try ParquetWriter(file: file, schema: schema, options: options(rowGroupRows: 2))
        try writer.write(batch(schema, [Column(type: .int64, values: .int64([1, 2, 3])), try Column(type: .string, [.string("a"), .null, .string("c")])]))
        let bad = batch(schema, [try Column(type: .int64, [.int64(4), .null]), try Column(type: .string, [.null, .null])])
        do {
            try writer.write(bad)
            Issue.record("writing nulls into a NOT NULL column succeeded")
        } catch let error as SluiceError {
            #expect(error.fault == .userInput)
            #expect(error.message.contains("'id'") && error.message.contains("NOT NULL"))
        }
        writer.abort()
        #expect(try fileSystem.list(directory.path).isEmpty)
        #expect(!fileSystem.exists(path))
    }

    @Test func aBatchOfAnotherSchemaIsRejected() throws {
        let file = MemoryWritableFile()
        let writer = try ParquetWriter(file: file, schema: Schema([Field("a", .int32)]))
        let other = batch(Schema([Field("a", .int64)]), [Column(type: .int64, values: .int64([1]))])
        #expect(throws: SluiceError.self) { try writer.write(other) }
        writer.abort()
        #expect(file.isAborted && file.bytes.isEmpty)
    }

    @Test func closeWritesTheFileUnderItsNameOnly() throws {
        let directory = try TemporaryDirectory()
        let fileSystem = LocalFileSystem()
        let path = directory.path + "/done.parquet"
        let schema = Schema([Field("id", .int64)])
        let writer = try ParquetWriter(file: try fileSystem.create(path, overwrite: false), schema: schema)
        try writer.write(batch(schema, [Column(type: .int64, values: .int64([7, 8, 9]))]))
        try writer.close()
        #expect(try fileSystem.list(directory.path).map(\.name) == ["done.parquet"])
        let reader = try ParquetReader(fileSystem: fileSystem, path: path)
        #expect(try reader.readRowGroup(0).columns[0] == Column(type: .int64, values: .int64([7, 8, 9])))
    }

    // MARK: - Randomized

    @Test func randomSchemasAndDataRoundTrip() throws {
        for seed in UInt64(1)...50 {
            var factory = RandomColumnFactory(seed: seed)
            var random = SeededRandomGenerator(seed: seed &* 1_000_003)
            let fieldCount = Int.random(in: 1...8, using: &random)
            let schema = Schema((0..<fieldCount).map { Field("f\($0)", factory.type(), nullable: random.chance(2, in: 3)) })
            var options = ParquetWriterOptions(codec: [.uncompressed, .snappy, .gzip, .zstd].randomElement(using: &random)!)
            options.dictionaryEnabled = random.chance(2, in: 3)
            options.rowGroupRowCountMax = [1, 13, 500, 1_048_576].randomElement(using: &random)!
            options.pageSizeBytes = [1, 100, 4096, 1 << 20].randomElement(using: &random)!
            options.dictionaryPageSizeBytesMax = [16, 1000, 1 << 20].randomElement(using: &random)!
            let nullPercent = [0, 5, 50, 100].randomElement(using: &random)!
            let distinctMax: Int? = random.chance(1, in: 2) ? Int.random(in: 1...50, using: &random) : nil
            var batches: [RecordBatch] = []
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                let rowCount = Int.random(in: 0...(options.rowGroupRowCountMax == 1 ? 30 : 600), using: &random)
                batches.append(batch(schema, schema.fields.map {
                    factory.column($0.type, rowCount: rowCount, nullPercent: $0.isNullable ? nullPercent : 0, distinctMax: distinctMax)
                }))
            }
            let bytes = try ParquetTestFile.write(batches, schema: schema, options: options)
            let reader = try ParquetTestFile.open(bytes)
            let expected = concatenate(batches, schema: schema)
            #expect(reader.schema == schema, "seed \(seed)")
            #expect(try ParquetTestFile.readConcatenated(reader) == expected, "seed \(seed): \(schema)")
            // A random projection of the same file.
            let projected = schema.fields.indices.shuffled(using: &random).prefix(Int.random(in: 1...fieldCount, using: &random))
            let projectedSchema = Schema(projected.map { schema.fields[$0] })
            #expect(try ParquetTestFile.readConcatenated(reader, columns: Array(projected))
                    == batch(projectedSchema, projected.map { expected.columns[$0] }), "seed \(seed) projection \(Array(projected))")
        }
    }

    // MARK: - Streaming

    /// Three million rows through a writer whose row groups are capped at 1 MiB: the file must
    /// hold many row groups (the writer never buffers more than one), each read back in turn.
    @Test func streamingWriteKeepsRowGroupsSmall() throws {
        let directory = try TemporaryDirectory()
        let fileSystem = LocalFileSystem()
        let path = directory.path + "/big.parquet"
        let schema = Schema([Field("id", .int64, nullable: false), Field("bucket", .int32)])
        // Uncompressed: the unoptimized build of Snappy, not the writer, would dominate the time.
        var options = ParquetWriterOptions(codec: .uncompressed)
        options.rowGroupSizeBytesMax = 1 << 20
        options.pageSizeBytes = 256 * 1024
        // PLAIN pages make the buffered size exact: 12 bytes a row, so 1 MiB holds 2 batches.
        options.dictionaryEnabled = false
        let rowCount = 3_000_000
        let batchRowCount = 65_536
        // One batch written over and over keeps the test's own work small: row r holds id
        // r % 65536 and bucket (r % 65536) % 100, null for every tenth row.
        let ids = (0..<Int64(batchRowCount)).map { $0 }
        let bucketValidity = (0..<batchRowCount).map { $0 % 10 != 0 }
        let buckets = (0..<batchRowCount).map { $0 % 10 == 0 ? 0 : Int32($0 % 100) }
        let template = batch(schema, [
            Column(type: .int64, values: .int64(ids)),
            Column(type: .int32, values: .int32(buckets), validity: ValidityBitmap(bucketValidity)),
        ])
        let writer = try ParquetWriter(file: try fileSystem.create(path, overwrite: false), schema: schema, options: options)
        var written = 0
        while written < rowCount {
            let count = min(batchRowCount, rowCount - written)
            try writer.write(count == batchRowCount ? template : template.slice(0..<count))
            written += count
        }
        let metadata = try writer.close()
        #expect(metadata.numRows == Int64(rowCount))
        #expect(metadata.rowGroups.count >= 20, "\(metadata.rowGroups.count) row groups")
        let largestGroupBytes = metadata.rowGroups.compactMap(\.totalCompressedSize).max() ?? 0
        // A row group closes at the end of the batch that crosses the bound.
        #expect(largestGroupBytes <= Int64(options.rowGroupSizeBytesMax + batchRowCount * 13), "largest row group \(largestGroupBytes) bytes")

        let reader = try ParquetReader(fileSystem: fileSystem, path: path)
        var nextRow = 0
        for group in 0..<reader.rowGroupCount {
            let rows = try reader.readRowGroup(group)
            let start = nextRow % batchRowCount
            let expected = [
                Column(type: .int64, values: .int64(ids.cycled(from: start, count: rows.rowCount))),
                Column(type: .int32, values: .int32(buckets.cycled(from: start, count: rows.rowCount)),
                       validity: ValidityBitmap(bucketValidity.cycled(from: start, count: rows.rowCount))),
            ]
            #expect(rows.columns == expected, "row group \(group)")
            nextRow += rows.rowCount
        }
        #expect(nextRow == rowCount)
    }
}

extension Array {
    /// `count` elements starting at `start`, wrapping around to the front.
    func cycled(from start: Int, count: Int) -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(count)
        var position = start
        while result.count < count {
            let end = Swift.min(self.count, position + count - result.count)
            result.append(contentsOf: self[position..<end])
            position = end == self.count ? 0 : end
        }
        return result
    }
}

/// A fresh directory under the system's temporary folder, deleted with its contents when the
/// value is no longer used.
final class TemporaryDirectory {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
