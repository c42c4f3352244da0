import Dispatch
import Glibc
@testable import Parquet
import SluiceCore
import Synchronization
import Testing

/// Corrupt files must fail with a `SluiceError` that names the file: never a crash, a hang, or
/// another kind of error. Seeded mutations of valid files cover every codec and encoding the
/// reader decodes; specific cases pin down the errors for the common kinds of damage.
@Suite struct ReaderFuzzTests {
    static let path = "/data/fuzz.parquet"

    /// Valid seed files, small so that mutations often land in headers and the footer.
    static func seedFiles() throws -> [(name: String, bytes: [UInt8])] {
        var factory = RandomColumnFactory(seed: 99)
        func file(_ fields: [Field], rows: Int, options: ParquetWriterOptions, distinctMax: Int?, nullPercent: Int = 15) throws -> [UInt8] {
            let schema = Schema(fields)
            let columns = fields.map { factory.column($0.type, rowCount: rows, nullPercent: $0.isNullable ? nullPercent : 0, distinctMax: distinctMax) }
            return try ParquetTestFile.write([RecordBatch(schema: schema, columns: columns)], schema: schema, options: options)
        }
        var mixed = ParquetWriterOptions(codec: .snappy)
        mixed.rowGroupRowCountMax = 40
        var plain = ParquetWriterOptions(codec: .gzip)
        plain.dictionaryEnabled = false
        plain.pageSizeBytes = 64
        var fallback = ParquetWriterOptions(codec: .uncompressed)
        fallback.dictionaryPageSizeBytesMax = 64
        fallback.pageSizeBytes = 1
        let allTypes = RandomColumnFactory.allTypes.enumerated().map { Field("c\($0.offset)", $0.element) }
        return [
            ("mixed snappy dictionary", try file(allTypes, rows: 100, options: mixed, distinctMax: 6)),
            ("gzip plain NOT NULL", try file(RandomColumnFactory.allTypes.enumerated().map { Field("r\($0.offset)", $0.element, nullable: false) },
                                             rows: 60, options: plain, distinctMax: nil)),
            ("uncompressed fallback", try file([Field("s", .string), Field("i", .int64), Field("d", .decimal(precision: 38, scale: 10))],
                                               rows: 80, options: fallback, distinctMax: nil)),
            ("nulls and booleans", try file([Field("b", .boolean), Field("n", .string), Field("t", .timestamp)],
                                            rows: 90, options: ParquetWriterOptions(codec: .uncompressed), distinctMax: 4, nullPercent: 60)),
            ("v2 pages and delta encodings", try EncodingVarietyFile.bytes()),
        ]
    }

    // MARK: - The reader on arbitrary bytes

    /// What happened to one input.
    enum Outcome: Equatable {
        case read
        case failed(SluiceError)
        case failedWithForeignError(String)
    }

    /// Opens the bytes and decodes everything the CLI would touch: every row group and value,
    /// the statistics shown by `inspect`, pruning.
    static func exercise(_ bytes: [UInt8]) -> Outcome {
        do {
            let reader = try ParquetTestFile.open(bytes, path: path)
            _ = reader.columnSummaries
            for group in 0..<reader.rowGroupCount {
                let batch = try reader.readRowGroup(group)
                for column in batch.columns {
                    for row in 0..<column.count { _ = column[row].description }
                }
                for chunk in reader.columnChunkSummaries(rowGroup: group) {
                    _ = chunk.min?.description
                    _ = chunk.max?.description
                }
            }
            if let first = reader.schema.fields.first {
                let literal: Value = first.type == .boolean ? .boolean(true) : .string("1")
                for op in ColumnPredicate.Operator.allCases {
                    _ = try reader.batches(predicates: [ColumnPredicate(column: first.name, op, literal)]).selectedRowGroups
                }
            }
            return .read
        } catch let error as SluiceError {
            return .failed(error)
        } catch {
            return .failedWithForeignError("\(type(of: error)): \(error)")
        }
    }

    // MARK: - Mutations

    enum Mutation: CaseIterable {
        case flipBits, overwriteBytes, truncate, insertBytes, deleteBytes, tamperFooterLength, breakMagic
        /// Flips inside the footer or a page header, where a flip changes structure, not values.
        case flipFooterBits, flipPageHeaderBits
        /// One field of the decoded footer or of a decoded page header set to an extreme value,
        /// then encoded again: well-formed Thrift that lies.
        case tamperFooterField, tamperPageHeaderField
    }

    /// Applies one seeded mutation; returns the bytes and a description to name the case.
    static func mutate(_ original: [UInt8], _ mutation: Mutation, pageStarts: [Int], using random: inout SeededRandomGenerator) -> ([UInt8], String) {
        var bytes = original
        let count = bytes.count
        // Only meaningful for an intact file; the footer and page-header mutations need one.
        var footerLength: Int { Int(original[(count - 8)..<(count - 4)].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self).littleEndian }) }
        var footerStart: Int { count - 8 - footerLength }
        func flip(in range: Range<Int>, times: Int) -> String {
            var positions: [String] = []
            for _ in 0..<times {
                let position = Int.random(in: range, using: &random)
                let bit = UInt8(1) << UInt8.random(in: 0...7, using: &random)
                bytes[position] ^= bit
                positions.append("\(position)^\(bit)")
            }
            return positions.joined(separator: ",")
        }
        switch mutation {
        case .flipBits:
            return (bytes, "flip " + flip(in: 0..<count, times: Int.random(in: 1...4, using: &random)))
        case .flipFooterBits:
            return (bytes, "footer flip " + flip(in: footerStart..<(count - 8), times: Int.random(in: 1...2, using: &random)))
        case .flipPageHeaderBits:
            let start = pageStarts.randomElement(using: &random)!
            return (bytes, "page header flip " + flip(in: start..<min(start + 24, footerStart), times: 1))
        case .overwriteBytes:
            let position = Int.random(in: 0..<count, using: &random)
            let length = min(Int.random(in: 1...8, using: &random), count - position)
            let fill: [UInt8] = [0x00, 0xFF, 0x7F, 0x80]
            for offset in 0..<length {
                bytes[position + offset] = random.chance(1, in: 2) ? fill.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
            }
            return (bytes, "overwrite \(length) at \(position)")
        case .truncate:
            let length = Int.random(in: 0..<count, using: &random)
            return (Array(bytes[0..<length]), "truncate to \(length)")
        case .insertBytes:
            let position = Int.random(in: 0...count, using: &random)
            let inserted = (0..<Int.random(in: 1...16, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            bytes.insert(contentsOf: inserted, at: position)
            return (bytes, "insert \(inserted.count) at \(position)")
        case .deleteBytes:
            let position = Int.random(in: 0..<count, using: &random)
            let length = min(Int.random(in: 1...16, using: &random), count - position)
            bytes.removeSubrange(position..<(position + length))
            return (bytes, "delete \(length) at \(position)")
        case .tamperFooterLength:
            let candidates: [UInt32] = [0, 1, UInt32(footerLength - 1), UInt32(footerLength + 1), UInt32(count - 8),
                                        UInt32(count - 7), UInt32(count), UInt32.max, UInt32(Int32.max), UInt32.random(in: 0...UInt32.max, using: &random)]
            let length = candidates.randomElement(using: &random)!
            withUnsafeBytes(of: length.littleEndian) { bytes.replaceSubrange((count - 8)..<(count - 4), with: $0) }
            return (bytes, "footer length \(length)")
        case .tamperFooterField:
            return (try? tamperFooter(original, using: &random)) ?? (original, "footer unchanged")
        case .tamperPageHeaderField:
            return (try? tamperPageHeader(original, using: &random)) ?? (original, "page header unchanged")
        case .breakMagic:
            let atStart = random.chance(1, in: 2)
            let position = (atStart ? 0 : count - 4) + Int.random(in: 0..<4, using: &random)
            bytes[position] = bytes[position] == 0 ? 1 : 0
            return (bytes, "magic byte \(position)")
        }
    }

    /// Values that break arithmetic and allocation sizes, plus small changes to the original.
    static func extreme(_ original: Int64, using random: inout SeededRandomGenerator) -> Int64 {
        let candidates: [Int64] = [0, -1, 1, 2, Int64.max, Int64.min, Int64(Int32.max), Int64(Int32.min), Int64(UInt32.max),
                                   1 << 31, 1 << 40, 1 << 62, original &+ 1, original &- 1, original &* 2, original &* 1000,
                                   Int64.random(in: -1000...100_000, using: &random)]
        return candidates.randomElement(using: &random)!
    }

    static func extreme32(_ original: Int32, using random: inout SeededRandomGenerator) -> Int32 {
        let candidates: [Int32] = [0, -1, 1, 2, 7, 8, 9, 33, 64, Int32.max, Int32.min, original &+ 1, original &- 1, original &* 2,
                                   original &* 1000, Int32.random(in: -1000...100_000, using: &random)]
        return candidates.randomElement(using: &random)!
    }

    /// Re-encodes the footer with one field changed.
    static func tamperFooter(_ original: [UInt8], using random: inout SeededRandomGenerator) throws -> ([UInt8], String) {
        let reader = try ParquetTestFile.open(original)
        var metaData = reader.metadata
        let group = Int.random(in: 0..<max(metaData.rowGroups.count, 1), using: &random)
        let hasGroup = group < metaData.rowGroups.count
        let column = Int.random(in: 0..<max(metaData.schema.count - 1, 1), using: &random)
        let element = column + 1
        var description = ""
        func chunk(_ change: (inout ColumnMetaData) -> String) {
            guard hasGroup, column < metaData.rowGroups[group].columns.count else { return }
            description = "row group \(group) column \(column) " + change(&metaData.rowGroups[group].columns[column].metaData!)
        }
        func schemaElement(_ change: (inout SchemaElement) -> String) {
            guard element < metaData.schema.count else { return }
            description = "schema element \(element) " + change(&metaData.schema[element])
        }
        switch Int.random(in: 0..<22, using: &random) {
        case 0:
            metaData.numRows = extreme(metaData.numRows, using: &random)
            description = "file numRows \(metaData.numRows)"
        case 1:
            guard hasGroup else { break }
            metaData.rowGroups[group].numRows = extreme(metaData.rowGroups[group].numRows, using: &random)
            description = "row group \(group) numRows \(metaData.rowGroups[group].numRows)"
        case 2: chunk { $0.numValues = extreme($0.numValues, using: &random); return "numValues \($0.numValues)" }
        case 3: chunk { $0.totalCompressedSize = extreme($0.totalCompressedSize, using: &random); return "totalCompressedSize \($0.totalCompressedSize)" }
        case 4: chunk { $0.dataPageOffset = extreme($0.dataPageOffset, using: &random); return "dataPageOffset \($0.dataPageOffset)" }
        case 5: chunk { $0.dictionaryPageOffset = extreme($0.dictionaryPageOffset ?? 4, using: &random); return "dictionaryPageOffset \($0.dictionaryPageOffset!)" }
        case 6: chunk { $0.codecRawValue = Int32.random(in: -1...8, using: &random); return "codec \($0.codecRawValue)" }
        case 7: chunk { $0.type = PhysicalType(rawValue: Int32.random(in: -1...8, using: &random)); return "physical type \($0.type.rawValue)" }
        case 8:
            chunk {
                let bytes = (0..<Int.random(in: 0...20, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                if $0.statistics == nil { $0.statistics = Statistics() }
                if random.chance(1, in: 2) { $0.statistics!.minValue = bytes } else { $0.statistics!.maxValue = bytes }
                if random.chance(1, in: 3) { $0.statistics!.min = bytes; $0.statistics!.max = bytes.reversed() }
                return "statistics bytes \(bytes)"
            }
        case 9:
            chunk {
                let nullCount = extreme($0.statistics?.nullCount ?? 0, using: &random)
                $0.statistics?.nullCount = nullCount
                return "nullCount \(nullCount)"
            }
        case 10: schemaElement { $0.type = PhysicalType(rawValue: Int32.random(in: -1...8, using: &random)); return "type \($0.type!.rawValue)" }
        case 11: schemaElement { $0.typeLength = extreme32($0.typeLength ?? 0, using: &random); return "typeLength \($0.typeLength!)" }
        case 12: schemaElement { $0.repetitionType = FieldRepetitionType(rawValue: Int32.random(in: -1...3, using: &random)); return "repetition \($0.repetitionType!.rawValue)" }
        case 13: schemaElement { $0.numChildren = extreme32($0.numChildren ?? 0, using: &random); return "numChildren \($0.numChildren!)" }
        case 14:
            schemaElement {
                let scale = extreme32($0.scale ?? 2, using: &random)
                let precision = extreme32($0.precision ?? 9, using: &random)
                $0.logicalType = .decimal(scale: scale, precision: precision)
                if random.chance(1, in: 2) { $0.scale = scale; $0.precision = precision; $0.convertedType = .decimal }
                return "decimal(\(precision), \(scale))"
            }
        case 15: schemaElement { $0.convertedType = ConvertedType(rawValue: Int32.random(in: -1...25, using: &random)); return "convertedType \($0.convertedType!.rawValue)" }
        case 16:
            schemaElement {
                let logical: [LogicalType] = [.string, .date, .json, .uuid, .float16, .unknown, .integer(bitWidth: 8, isSigned: false),
                                              .integer(bitWidth: 32, isSigned: false), .integer(bitWidth: 64, isSigned: false),
                                              .timestamp(isAdjustedToUTC: false, unit: .nanos), .timestamp(isAdjustedToUTC: true, unit: .millis),
                                              .time(isAdjustedToUTC: true, unit: .micros)]
                $0.logicalType = logical.randomElement(using: &random)!
                return "logical type \($0.logicalType!)"
            }
        case 17:
            metaData.schema[0].numChildren = extreme32(metaData.schema[0].numChildren ?? 0, using: &random)
            description = "root numChildren \(metaData.schema[0].numChildren!)"
        case 18:
            guard element < metaData.schema.count else { break }
            metaData.schema.remove(at: element)
            description = "schema element \(element) removed"
        case 19:
            guard hasGroup, !metaData.rowGroups[group].columns.isEmpty else { break }
            let removed = Int.random(in: 0..<metaData.rowGroups[group].columns.count, using: &random)
            metaData.rowGroups[group].columns.remove(at: removed)
            description = "row group \(group) chunk \(removed) removed"
        case 20:
            guard hasGroup, metaData.rowGroups[group].columns.count > 1 else { break }
            metaData.rowGroups[group].columns.swapAt(0, metaData.rowGroups[group].columns.count - 1)
            description = "row group \(group) chunks swapped"
        default:
            guard hasGroup else { break }
            metaData.rowGroups[group].columns[column % metaData.rowGroups[group].columns.count].metaData = nil
            description = "row group \(group) chunk metadata removed"
        }
        let footerLength = Int(original[(original.count - 8)...].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self).littleEndian })
        let footer = metaData.encoded()
        let bytes = Array(original[0..<(original.count - 8 - footerLength)]) + footer
            + withUnsafeBytes(of: UInt32(footer.count).littleEndian) { Array($0) } + ParquetFormat.magic
        return (bytes, description.isEmpty ? "footer unchanged" : description)
    }

    /// Re-encodes one page header (any page of any chunk) with one field changed.
    static func tamperPageHeader(_ original: [UInt8], using random: inout SeededRandomGenerator) throws -> ([UInt8], String) {
        let reader = try ParquetTestFile.open(original)
        var pages: [Int] = []
        for group in reader.metadata.rowGroups {
            for chunk in group.columns {
                guard let metaData = chunk.metaData else { continue }
                let (start, length) = ParquetReader.byteRange(of: metaData)
                var offset = start
                while offset < start + length {
                    let (header, size) = try original[offset...].withUnsafeBytes { try PageHeader.decode(from: $0) }
                    pages.append(offset)
                    offset += size + Int(header.compressedPageSize)
                }
            }
        }
        guard let page = pages.randomElement(using: &random) else { return (original, "no pages") }
        var (header, size) = try original[page...].withUnsafeBytes { try PageHeader.decode(from: $0) }
        var description = "page at \(page) "
        switch Int.random(in: 0..<12, using: &random) {
        case 0: header.uncompressedPageSize = extreme32(header.uncompressedPageSize, using: &random); description += "uncompressed size \(header.uncompressedPageSize)"
        case 1: header.compressedPageSize = extreme32(header.compressedPageSize, using: &random); description += "compressed size \(header.compressedPageSize)"
        case 2: header.type = PageType(rawValue: Int32.random(in: -1...4, using: &random)); description += "type \(header.type.rawValue)"
        case 3:
            let value = extreme32(header.dataPageHeader?.numValues ?? 0, using: &random)
            header.dataPageHeader?.numValues = value
            description += "v1 numValues \(value)"
        case 4:
            let encoding = Encoding(rawValue: Int32.random(in: -1...10, using: &random))
            header.dataPageHeader?.encoding = encoding
            description += "v1 encoding \(encoding)"
        case 5:
            let encoding = Encoding(rawValue: Int32.random(in: -1...10, using: &random))
            header.dataPageHeader?.definitionLevelEncoding = encoding
            description += "v1 level encoding \(encoding)"
        case 6:
            let value = extreme32(header.dataPageHeaderV2?.numValues ?? 0, using: &random)
            header.dataPageHeaderV2?.numValues = value
            description += "v2 numValues \(value)"
        case 7:
            let value = extreme32(header.dataPageHeaderV2?.definitionLevelsByteLength ?? 0, using: &random)
            header.dataPageHeaderV2?.definitionLevelsByteLength = value
            description += "v2 levels length \(value)"
        case 8:
            let value = extreme32(0, using: &random)
            header.dataPageHeaderV2?.repetitionLevelsByteLength = value
            description += "v2 repetition length \(value)"
        case 9:
            let encoding = Encoding(rawValue: Int32.random(in: 0...9, using: &random))
            header.dataPageHeaderV2?.isCompressed.toggle()
            header.dataPageHeaderV2?.encoding = encoding
            description += "v2 compression toggled, encoding \(encoding)"
        case 10:
            let value = extreme32(header.dictionaryPageHeader?.numValues ?? 0, using: &random)
            header.dictionaryPageHeader?.numValues = value
            description += "dictionary numValues \(value)"
        default:
            header.dataPageHeader = nil
            header.dictionaryPageHeader = nil
            header.dataPageHeaderV2 = nil
            description += "type header removed"
        }
        var bytes = original
        bytes.replaceSubrange(page..<(page + size), with: header.encoded())
        return (bytes, description)
    }

    /// Where each column chunk's pages start, from the file's own footer.
    static func pageStarts(_ bytes: [UInt8]) throws -> [Int] {
        let reader = try ParquetTestFile.open(bytes)
        return reader.metadata.rowGroups.flatMap { group in
            group.columns.compactMap { chunk in chunk.metaData.map { ParquetReader.byteRange(of: $0).start } }
        }
    }

    @Test func seedFilesAreValid() throws {
        for (name, bytes) in try ReaderFuzzTests.seedFiles() {
            #expect(ReaderFuzzTests.exercise(bytes) == .read, "\(name)")
        }
        let reader = try ParquetTestFile.open(try EncodingVarietyFile.bytes())
        #expect(try reader.readRowGroup(0) == EncodingVarietyFile.expectedBatch())
    }

    /// Mutations of each kind per seed file; SLUICE_FUZZ_ROUNDS runs more, SLUICE_FUZZ_SEED others.
    static let roundsPerMutation = getenv("SLUICE_FUZZ_ROUNDS").flatMap { Int(String(cString: $0)) } ?? 40
    static let seed = getenv("SLUICE_FUZZ_SEED").flatMap { UInt64(String(cString: $0)) } ?? 2024

    /// Thousands of seeded mutations; each must read or fail with a located data error.
    @Test func mutatedFilesFailCleanly() throws {
        let watchdog = Watchdog(timeLimitSeconds: 60)
        defer { watchdog.finish() }
        let clock = ContinuousClock()
        let started = clock.now
        var random = SeededRandomGenerator(seed: ReaderFuzzTests.seed)
        var outcomes: [String: Int] = [:]
        for (name, original) in try ReaderFuzzTests.seedFiles() {
            let pageStarts = try ReaderFuzzTests.pageStarts(original)
            for mutation in Mutation.allCases {
                for _ in 0..<ReaderFuzzTests.roundsPerMutation {
                    var (bytes, description) = ReaderFuzzTests.mutate(original, mutation, pageStarts: pageStarts, using: &random)
                    if random.chance(1, in: 4), !bytes.isEmpty {
                        // A second blind mutation on top: damage rarely comes alone.
                        let second = [Mutation.flipBits, .overwriteBytes, .insertBytes, .deleteBytes].randomElement(using: &random)!
                        let (twice, secondDescription) = ReaderFuzzTests.mutate(bytes, second, pageStarts: [], using: &random)
                        bytes = twice
                        description += ", then " + secondDescription
                    }
                    let label = "\(name): \(description)"
                    watchdog.enter(label)
                    let caseStarted = clock.now
                    let outcome = ReaderFuzzTests.exercise(bytes)
                    #expect(clock.now - caseStarted < .seconds(2), "\(label) took \(clock.now - caseStarted)")
                    switch outcome {
                    case .read:
                        outcomes["read", default: 0] += 1
                    case .failed(let error):
                        outcomes["\(error.fault)", default: 0] += 1
                        #expect(error.fault == .data, "\(label): \(error)")
                        #expect(error.location?.file == ReaderFuzzTests.path, "\(label): \(error)")
                    case .failedWithForeignError(let text):
                        Issue.record("\(label): not a SluiceError: \(text)")
                    }
                }
            }
        }
        #expect(outcomes["data", default: 0] > 1000, "\(outcomes)")
        #expect(clock.now - started < .seconds(30) || ReaderFuzzTests.roundsPerMutation > 40)
    }

    // MARK: - Specific damage

    private func expectLocatedDataError(_ bytes: [UInt8], mentioning phrase: String, at expectedOffset: Int? = nil,
                                        sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard case .failed(let error) = ReaderFuzzTests.exercise(bytes) else {
            Issue.record("expected a data error mentioning '\(phrase)'", sourceLocation: sourceLocation)
            return
        }
        #expect(error.fault == .data, sourceLocation: sourceLocation)
        #expect(error.location?.file == ReaderFuzzTests.path, sourceLocation: sourceLocation)
        #expect(error.location?.byteOffset != nil, "\(error)", sourceLocation: sourceLocation)
        if let expectedOffset { #expect(error.location?.byteOffset == expectedOffset, "\(error)", sourceLocation: sourceLocation) }
        #expect(error.description.contains(ReaderFuzzTests.path) && error.description.contains("byte offset"), sourceLocation: sourceLocation)
        #expect(error.message.contains(phrase), "\(error)", sourceLocation: sourceLocation)
    }

    private func sampleFile() throws -> [UInt8] {
        try ReaderFuzzTests.seedFiles()[0].bytes
    }

    @Test func truncatedFile() throws {
        let bytes = try sampleFile()
        expectLocatedDataError(Array(bytes.dropLast(100)), mentioning: "does not end with PAR1", at: bytes.count - 104)
        expectLocatedDataError(Array(bytes.prefix(10)), mentioning: "only 10 bytes", at: 0)
        expectLocatedDataError([], mentioning: "only 0 bytes", at: 0)
    }

    @Test func wrongMagicAtTheStart() throws {
        var bytes = try sampleFile()
        bytes.replaceSubrange(0..<4, with: Array("PAR2".utf8))
        expectLocatedDataError(bytes, mentioning: "does not start with PAR1", at: 0)
    }

    @Test func wrongMagicAtTheEnd() throws {
        var bytes = try sampleFile()
        bytes.replaceSubrange((bytes.count - 4)..<bytes.count, with: Array("PARE".utf8))
        expectLocatedDataError(bytes, mentioning: "does not end with PAR1", at: bytes.count - 4)
    }

    @Test func footerLengthLargerThanTheFile() throws {
        for length in [UInt32(1) << 20, UInt32.max] {
            var bytes = try sampleFile()
            withUnsafeBytes(of: length.littleEndian) { bytes.replaceSubrange((bytes.count - 8)..<(bytes.count - 4), with: $0) }
            expectLocatedDataError(bytes, mentioning: "exceeds the file", at: bytes.count - 8)
        }
    }

    @Test func footerLengthCuttingTheFooter() throws {
        var bytes = try sampleFile()
        let count = bytes.count
        let length = bytes[(count - 8)..<(count - 4)].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self).littleEndian }
        withUnsafeBytes(of: (length - 10).littleEndian) { bytes.replaceSubrange((count - 8)..<(count - 4), with: $0) }
        expectLocatedDataError(bytes, mentioning: "corrupt footer", at: count - 8 - Int(length - 10))
    }

    @Test func corruptPageHeader() throws {
        for (name, original) in try ReaderFuzzTests.seedFiles() {
            let firstPage = try ReaderFuzzTests.pageStarts(original)[0]
            var bytes = original
            // A Thrift field header of type 0xF is no valid type.
            bytes.replaceSubrange(firstPage..<(firstPage + 4), with: [0x1F, 0xFF, 0xFF, 0xFF])
            guard case .failed(let error) = ReaderFuzzTests.exercise(bytes) else {
                Issue.record("\(name): a corrupt page header read")
                continue
            }
            #expect(error.fault == .data, "\(name)")
            #expect(error.location?.file == ReaderFuzzTests.path && error.location?.byteOffset == firstPage, "\(name): \(error)")
            #expect(error.location?.field != nil, "\(name): \(error)")
        }
    }

    @Test func corruptPageBody() throws {
        var bytes = try sampleFile()
        let firstPage = try ReaderFuzzTests.pageStarts(bytes)[0]
        let (header, headerSize) = try bytes[firstPage...].withUnsafeBytes { try PageHeader.decode(from: $0) }
        let body = (firstPage + headerSize)..<(firstPage + headerSize + Int(header.compressedPageSize))
        bytes.replaceSubrange(body, with: repeatElement(0xFF, count: body.count))
        expectLocatedDataError(bytes, mentioning: "corrupt", at: firstPage)
    }

    @Test func columnChunkPointingPastTheData() throws {
        let original = try sampleFile()
        let reader = try ParquetTestFile.open(original)
        var metaData = reader.metadata
        metaData.rowGroups[0].columns[0].metaData!.totalCompressedSize = Int64(original.count)
        let footer = metaData.encoded()
        let oldFooterLength = Int(original[(original.count - 8)...].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self).littleEndian })
        let dataEnd = original.count - 8 - oldFooterLength
        let bytes = Array(original[0..<dataEnd]) + footer + withUnsafeBytes(of: UInt32(footer.count).littleEndian) { Array($0) } + ParquetFormat.magic
        expectLocatedDataError(bytes, mentioning: "lies outside the data", at: dataEnd)
    }

    // MARK: - Regressions found by fuzzing

    /// The file with its footer decoded, changed and encoded again.
    private func rewritingFooter(_ original: [UInt8], _ change: (inout FileMetaData) -> Void) throws -> [UInt8] {
        var metaData = try ParquetTestFile.open(original).metadata
        change(&metaData)
        let footerLength = Int(original[(original.count - 8)...].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self).littleEndian })
        let footer = metaData.encoded()
        return Array(original[0..<(original.count - 8 - footerLength)]) + footer
            + withUnsafeBytes(of: UInt32(footer.count).littleEndian) { Array($0) } + ParquetFormat.magic
    }

    /// A row count of 2^40 in the footer used to be allocated up front and abort the process.
    @Test func hugeRowCountFailsOnThePagesInsteadOfAllocating() throws {
        for (name, original) in try ReaderFuzzTests.seedFiles() {
            for rowCount in [Int64(1) << 40, Int64(1) << 62, Int64.max] {
                let bytes = try rewritingFooter(original) { $0.rowGroups[0].numRows = rowCount }
                guard case .failed(let error) = ReaderFuzzTests.exercise(bytes) else {
                    Issue.record("\(name): a row count of \(rowCount) read")
                    continue
                }
                #expect(error.fault == .data && error.location?.file == ReaderFuzzTests.path && error.location?.byteOffset != nil, "\(name): \(error)")
            }
        }
    }

    /// A decimal wider than 18 digits on an INT64 (or INT32) leaf was decoded into the wrong
    /// buffer and crashed; it is now refused when the file is opened.
    @Test func decimalTooWideForItsIntegerLeafIsRefused() throws {
        let schema = Schema([Field("amount", .decimal(precision: 18, scale: 2)), Field("count", .decimal(precision: 9, scale: 0))])
        let columns = [try Column(type: .decimal(precision: 18, scale: 2), [.decimal(12_345, scale: 2), .null]),
                       try Column(type: .decimal(precision: 9, scale: 0), [.decimal(7, scale: 0), .decimal(8, scale: 0)])]
        let original = try ParquetTestFile.write([RecordBatch(schema: schema, columns: columns)], schema: schema)
        for element in [1, 2] {
            let bytes = try rewritingFooter(original) { $0.schema[element].logicalType = .decimal(scale: 2, precision: 30) }
            guard case .failed(let error) = ReaderFuzzTests.exercise(bytes) else {
                Issue.record("a DECIMAL(30,2) integer leaf read")
                continue
            }
            #expect(error.fault == .data && error.location?.file == ReaderFuzzTests.path, "\(error)")
            #expect(error.message.contains("at most 18 digits") && error.location?.field == schema.fields[element - 1].name, "\(error)")
        }
    }

    /// Nanosecond timestamps near Int64.min overflowed while being floored to microseconds.
    @Test func nanosecondTimestampsFloorToMicrosecondsAtTheExtremes() throws {
        let nanos: [Int64] = [.min, .min + 1, .min + 999, .min + 1000, -1001, -1000, -999, -1, 0, 1, 999, 1000, .max]
        let schema = Schema([Field("at", .int64, nullable: false)])
        let batch = RecordBatch(schema: schema, columns: [Column(type: .int64, values: .int64(nanos))])
        for dictionary in [true, false] {
            var options = ParquetWriterOptions()
            options.dictionaryEnabled = dictionary
            let original = try ParquetTestFile.write([batch], schema: schema, options: options)
            let bytes = try rewritingFooter(original) { $0.schema[1].logicalType = .timestamp(isAdjustedToUTC: true, unit: .nanos) }
            let reader = try ParquetTestFile.open(bytes)
            #expect(reader.schema.fields[0].type == .timestamp)
            let expected = nanos.map { value -> Int64 in
                let (quotient, remainder) = value.quotientAndRemainder(dividingBy: 1000)
                return remainder < 0 ? quotient - 1 : quotient
            }
            #expect(try reader.readRowGroup(0).columns[0] == Column(type: .timestamp, values: .int64(expected)))
            let chunk = reader.columnChunkSummaries(rowGroup: 0)[0]
            #expect(chunk.min == .timestamp(expected[0]) && chunk.max == .timestamp(expected[expected.count - 1]))
        }
    }
}

/// Ends the test process with the name of the running case when a case hangs, so a hang
/// reports itself instead of stalling the suite.
final class Watchdog: Sendable {
    private let state = Mutex<(label: String, isFinished: Bool)>(("starting", false))

    init(timeLimitSeconds: Int) {
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(timeLimitSeconds)) { [self] in
            let (label, isFinished) = state.withLock { $0 }
            if !isFinished { fatalError("fuzz case still running after \(timeLimitSeconds) s: \(label)") }
        }
    }

    func enter(_ label: String) {
        state.withLock { $0.label = label }
    }

    func finish() {
        state.withLock { $0.isFinished = true }
    }
}
