import SluiceCore
import Testing
@testable import Parquet

private func decodeFooter(_ bytes: [UInt8]) throws -> FileMetaData {
    try bytes.withUnsafeBytes { try FileMetaData(decoding: $0) }
}

private func decodePageHeader(_ bytes: [UInt8]) throws -> (header: PageHeader, headerByteCount: Int) {
    try bytes.withUnsafeBytes { try PageHeader.decode(from: $0) }
}

private func bytes(fromHex hex: String) -> [UInt8] {
    let digits = Array(hex.utf8).map { $0 <= 0x39 ? $0 - 0x30 : $0 - 0x61 + 10 }
    return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
}

/// A footer that sets every field Sluice models, with every logical type.
private func fullFileMetaData() -> FileMetaData {
    let logicalTypes: [LogicalType] = [
        .string, .map, .list, .enumeration, .decimal(scale: 2, precision: 9), .date,
        .time(isAdjustedToUTC: true, unit: .millis), .time(isAdjustedToUTC: false, unit: .nanos),
        .timestamp(isAdjustedToUTC: true, unit: .micros), .timestamp(isAdjustedToUTC: false, unit: .nanos),
        .integer(bitWidth: 8, isSigned: true), .integer(bitWidth: 64, isSigned: false),
        .unknown, .json, .bson, .uuid, .float16, .other(fieldId: 16),
    ]
    var schema = [SchemaElement(name: "schema", numChildren: Int32(logicalTypes.count + 1))]
    for (index, logicalType) in logicalTypes.enumerated() {
        schema.append(SchemaElement(
            type: .byteArray, repetitionType: .optional, name: "column\(index)",
            convertedType: .utf8, fieldId: Int32(index), logicalType: logicalType
        ))
    }
    schema.append(SchemaElement(
        type: .fixedLenByteArray, typeLength: 16, repetitionType: .required, name: "amount",
        convertedType: .decimal, scale: 4, precision: 38, fieldId: -1,
        logicalType: .decimal(scale: 4, precision: 38)
    ))
    let statistics = Statistics(
        max: [9], min: [1], nullCount: 0, distinctCount: 42, maxValue: [0xFF, 0],
        minValue: [], isMaxValueExact: true, isMinValueExact: false, nanCount: 3
    )
    let metaData = ColumnMetaData(
        type: .int64, encodings: [.plain, .rle, .rleDictionary, Encoding(rawValue: 99)],
        pathInSchema: ["a", "b.c", "ünïcode"], codecRawValue: 6, numValues: 1 << 40,
        totalUncompressedSize: 123_456_789_012, totalCompressedSize: 98_765,
        keyValueMetadata: [KeyValue(key: "k", value: "v"), KeyValue(key: "empty")],
        dataPageOffset: 4, indexPageOffset: 5, dictionaryPageOffset: 6, statistics: statistics,
        encodingStats: [
            PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1),
            PageEncodingStats(pageType: .dataPage, encoding: .rleDictionary, count: 20),
        ],
        bloomFilterOffset: 1_000_000, bloomFilterLength: 4096
    )
    let chunk = ColumnChunk(
        filePath: "other.parquet", fileOffset: 0, metaData: metaData, offsetIndexOffset: 7,
        offsetIndexLength: 8, columnIndexOffset: 9, columnIndexLength: 10
    )
    let rowGroup = RowGroup(
        columns: [chunk, ColumnChunk(metaData: ColumnMetaData(type: .boolean, pathInSchema: ["x"]))],
        totalByteSize: 1 << 33, numRows: 1_000_000,
        sortingColumns: [
            SortingColumn(columnIndex: 0, descending: true, nullsFirst: false),
            SortingColumn(columnIndex: 1, descending: false, nullsFirst: true),
        ],
        fileOffset: 4, totalCompressedSize: 99_000, ordinal: -2
    )
    return FileMetaData(
        version: 2, schema: schema, numRows: 2_000_000, rowGroups: [rowGroup, RowGroup()],
        keyValueMetadata: [KeyValue(key: "writer", value: "sluice")],
        createdBy: "sluice version 0.1.0 (build abc)",
        columnOrders: [ColumnOrder](repeating: .typeDefinedOrder, count: 18) + [.unknown]
    )
}

/// `encodedStruct` with extra fields appended before its stop byte, each in long header form.
private func insertingUnknownFields(_ extraFields: [UInt8], into encodedStruct: [UInt8]) -> [UInt8] {
    precondition(encodedStruct.last == 0)
    return encodedStruct.dropLast() + extraFields + [0]
}

/// Field 30 once as each kind of value a newer writer might add.
private func unknownFieldsOfEveryType() -> [UInt8] {
    var writer = CompactWriter()
    // Long form each time: a type byte, then zigzag(30) = 60.
    let header: (CompactType) -> [UInt8] = { [$0.rawValue, 60] }
    writer.bytes += header(.list)
    writer.writeListHeader(elementType: .binary, count: 2)
    writer.writeString("x")
    writer.writeString("yz")
    writer.bytes += header(.struct)
    writer.beginStruct()
    writer.writeField(1, i32: 5)
    writer.writeListField(2, of: .struct, [1]) { list, _ in
        list.beginStruct()
        list.writeField(1, bool: true)
        list.endStruct()
    }
    writer.endStruct()
    writer.bytes += header(.binary)
    writer.writeBinary([1, 2, 3, 4])
    writer.bytes += header(.boolTrue)
    writer.bytes += header(.double)
    writer.writeDouble(3.5)
    writer.bytes += header(.i64)
    writer.writeI64(-9)
    writer.bytes += header(.uuid)
    writer.bytes += [UInt8](repeating: 7, count: 16)
    return writer.bytes
}

@Suite struct MetadataTests {
    @Test func versionIsTheFirstFieldOfTheFooter() {
        let bytes = FileMetaData(version: 1).encoded()
        // version = 1, then the schema list header (field 2, list), then an empty list.
        #expect(Array(bytes.prefix(3)) == [0x15, 0x02, 0x19])
    }

    @Test func fullFooterRoundTrips() throws {
        let original = fullFileMetaData()
        let bytes = original.encoded()
        #expect(try decodeFooter(bytes) == original)
        // Encoding is deterministic, so re-encoding the decoded footer gives the same bytes.
        #expect(try decodeFooter(bytes).encoded() == bytes)
    }

    @Test func columnMetaDataLongFieldHeaderDecodes() throws {
        let original = ColumnMetaData(type: .int32, pathInSchema: ["a"], bloomFilterOffset: 10)
        var writer = CompactWriter()
        original.encode(to: &writer)
        // Unknown field 17 (geospatial statistics) after field 14: delta 3 but written long,
        // as any encoder may; then field 16 out of order.
        var extra = CompactWriter()
        extra.bytes += [CompactType.struct.rawValue, 34, 0x15, 0x02, 0x00]
        extra.bytes += [CompactType.struct.rawValue, 32, 0x00]
        let bytes = insertingUnknownFields(extra.bytes, into: writer.bytes)
        let decoded = try withReader(bytes) { try ColumnMetaData(decoding: &$0) }
        #expect(decoded == original)
    }

    @Test func unknownFieldsOfEveryTypeAreSkipped() throws {
        let extra = unknownFieldsOfEveryType()
        let footer = fullFileMetaData()
        let footerBytes = insertingUnknownFields(extra, into: footer.encoded())
        #expect(try decodeFooter(footerBytes) == footer)

        let chunkMetaData = footer.rowGroups[0].columns[0].metaData!
        var writer = CompactWriter()
        chunkMetaData.encode(to: &writer)
        let chunkBytes = insertingUnknownFields(extra, into: writer.bytes)
        #expect(try withReader(chunkBytes) { try ColumnMetaData(decoding: &$0) } == chunkMetaData)

        let page = PageHeader(
            type: .dataPage, uncompressedPageSize: 10, compressedPageSize: 8,
            dataPageHeader: DataPageHeader(numValues: 3)
        )
        let pageBytes = insertingUnknownFields(extra, into: page.encoded())
        #expect(try decodePageHeader(pageBytes).header == page)
    }

    @Test func knownFieldsAfterAnUnknownHighFieldUseLongHeaders() throws {
        var writer = CompactWriter()
        writer.beginStruct()
        writer.writeField(30, i32: 1)
        writer.writeField(1, string: "key")  // negative delta: long form
        writer.writeField(2, string: "value")  // short again, relative to field 1
        writer.endStruct()
        #expect(writer.bytes[0] == CompactType.i32.rawValue)
        let decoded = try withReader(writer.bytes) { try KeyValue(decoding: &$0) }
        #expect(decoded == KeyValue(key: "key", value: "value"))
    }

    @Test func missingRequiredFieldsAreNamed() throws {
        var writer = CompactWriter()
        writer.beginStruct()
        writer.writeField(4, i32: 0)
        writer.endStruct()
        #expect(throws: SluiceError.data("corrupt Parquet metadata: ColumnMetaData is missing required field 'type'")) {
            _ = try withReader(writer.bytes) { try ColumnMetaData(decoding: &$0) }
        }
        #expect(throws: SluiceError.data("corrupt Parquet metadata: FileMetaData is missing required field 'version'")) {
            _ = try decodeFooter([0x00])
        }
        // A known field id with an unexpected wire type is skipped, as Thrift does, and so
        // counts as missing.
        #expect(throws: SluiceError.data("corrupt Parquet metadata: PageHeader is missing required field 'type'")) {
            _ = try decodePageHeader([0x18, 0x00, 0x15, 0x02, 0x15, 0x02, 0x00])
        }
    }

    @Test func unknownEnumValuesAndUnionMembersSurvive() throws {
        var schemaRoot = SchemaElement(name: "schema", numChildren: 1)
        schemaRoot.convertedType = ConvertedType(rawValue: 77)
        let leaf = SchemaElement(type: PhysicalType(rawValue: 12), repetitionType: FieldRepetitionType(rawValue: 9), name: "x")
        let footer = FileMetaData(schema: [schemaRoot, leaf])
        let decoded = try decodeFooter(footer.encoded())
        #expect(decoded == footer)
        #expect(decoded.schema[0].convertedType?.description == "ConvertedType(77)")
        #expect(Encoding.rleDictionary.description == "RLE_DICTIONARY")

        // TIMESTAMP whose unit is a member newer than Sluice (field 9 of TimeUnit) reads as
        // `other`, so the column falls back to its physical type instead of failing the file.
        let timestampWithNewUnit: [UInt8] = [0x8C, 0x11, 0x1C, 0x9C, 0x00, 0x00, 0x00, 0x00]
        let logicalType = try withReader(timestampWithNewUnit) { try LogicalType(decoding: &$0) }
        #expect(logicalType == .other(fieldId: 8))
        // A union with no member is corrupt.
        #expect(throwsDataError { _ = try withReader([0x00]) { try LogicalType(decoding: &$0) } })
    }

    @Test func pageHeadersRoundTripAndReportTheirLength() throws {
        let statistics = Statistics(nullCount: 1, maxValue: [3, 0, 0, 0], minValue: [1, 0, 0, 0])
        let headers = [
            PageHeader(
                type: .dataPage, uncompressedPageSize: 100, compressedPageSize: 80, crc: -123,
                dataPageHeader: DataPageHeader(numValues: 10, encoding: .rleDictionary, statistics: statistics)
            ),
            PageHeader(
                type: .dictionaryPage, uncompressedPageSize: 40, compressedPageSize: 40,
                dictionaryPageHeader: DictionaryPageHeader(numValues: 10, isSorted: false)
            ),
            PageHeader(
                type: .dataPageV2, uncompressedPageSize: 1 << 30, compressedPageSize: 12,
                dataPageHeaderV2: DataPageHeaderV2(
                    numValues: 5, numNulls: 1, numRows: 4, encoding: .deltaBinaryPacked,
                    definitionLevelsByteLength: 2, repetitionLevelsByteLength: 1,
                    isCompressed: false, statistics: statistics
                )
            ),
        ]
        for header in headers {
            let encoded = header.encoded()
            let body: [UInt8] = [0xDE, 0xAD, 0xBE, 0xEF]
            let decoded = try decodePageHeader(encoded + body)
            #expect(decoded.header == header)
            #expect(decoded.headerByteCount == encoded.count)
        }
    }

    @Test func dataPageV2IsCompressedDefaultsToTrue() throws {
        var writer = CompactWriter()
        writer.beginStruct()
        for id: Int16 in 1...6 { writer.writeField(id, i32: 0) }
        writer.endStruct()
        let header = try withReader(writer.bytes) { try DataPageHeaderV2(decoding: &$0) }
        #expect(header.isCompressed)
    }

    @Test func indexPageHeaderIsSkipped() throws {
        // type = INDEX_PAGE, sizes 0 and 0, then field 6 as an empty struct.
        let bytes: [UInt8] = [0x15, 0x02, 0x15, 0x00, 0x15, 0x00, 0x3C, 0x00, 0x00]
        let decoded = try decodePageHeader(bytes)
        #expect(decoded.header == PageHeader(type: .indexPage, uncompressedPageSize: 0, compressedPageSize: 0))
        #expect(decoded.headerByteCount == bytes.count)
    }

    @Test func everyTruncationOfAFooterThrows() {
        let bytes = fullFileMetaData().encoded()
        for length in 0..<bytes.count {
            #expect(throwsDataError { _ = try decodeFooter(Array(bytes.prefix(length))) }, "prefix \(length)")
        }
        let page = PageHeader(
            type: .dataPageV2, uncompressedPageSize: 1, compressedPageSize: 1,
            dataPageHeaderV2: DataPageHeaderV2(numValues: 1, numRows: 1, statistics: Statistics(nullCount: 0))
        ).encoded()
        for length in 0..<page.count {
            #expect(throwsDataError { _ = try decodePageHeader(Array(page.prefix(length))) }, "prefix \(length)")
        }
    }

    @Test func randomMutationsNeverCrash() {
        let footer = fullFileMetaData().encoded()
        let page = PageHeader(
            type: .dataPage, uncompressedPageSize: 100, compressedPageSize: 80,
            dataPageHeader: DataPageHeader(numValues: 10, statistics: Statistics(nullCount: 1, maxValue: [1]))
        ).encoded()
        var random = SeededRandomGenerator(seed: 0x5EED)
        for round in 0..<600 {
            var bytes = round.isMultiple(of: 2) ? footer : page
            let mutationCount = Int.random(in: 1...4, using: &random)
            for _ in 0..<mutationCount {
                let position = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[position] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &random)
                case 2: bytes.remove(at: position)
                default: bytes.insert(UInt8.random(in: 0...255, using: &random), at: position)
                }
            }
            // Either outcome is fine; a crash, hang or non-data error is not.
            do {
                if round.isMultiple(of: 2) {
                    _ = try decodeFooter(bytes)
                } else {
                    _ = try decodePageHeader(bytes)
                }
            } catch let error as SluiceError {
                #expect(error.fault == .data, "round \(round)")
            } catch {
                Issue.record("round \(round): unexpected error \(error)")
            }
        }
    }

    /// The footer of a four-column file written by parquet-cpp-arrow 26.0.1 (without the
    /// embedded Arrow schema): int64 `id`, string `name`, date32 `day`, decimal(9, 2) `price`,
    /// three rows, Snappy.
    static let arrowFooterHex = [
        "1504195c35001806736368656d61150800150425021802696400150c250218046e616d6525004c1c0000001502250218",
        "03646179250c4c6c000000150e1508150218057072696365250a150415122c5c150415120000001606191c194c26001c",
        "1504193500061019180269641502160616de0116e001265226081c180803000000000000001808010000000000000016",
        "002808030000000000000018080100000000000000111100192c15041500150200150015101502003c29061926000600",
        "000026001c150c19350006101918046e616d6515021606167c168401269c0226e8011c3602280163180161111100192c",
        "15041500150200150015101502003c160419061926020400000026001c150219350006101918036461791502160616a6",
        "0116ae0126a40326ec021c1804384a000018040000000016002804384a0000180400000000111100192c150415001502",
        "00150015101502003c29061926000600000026001c150e1935000610191805707269636515021606169c0116a40126ca",
        "04269a041c1804000000fa18040000007d16022804000000fa18040000007d111100192c150415001502001500151015",
        "02003c290619260204000000169c051606260816b605002820706172717565742d6370702d6172726f77207665727369",
        "6f6e2032362e302e31194c1c00001c00001c00001c000000",
    ].joined()

    @Test func decodesAFooterWrittenByArrow() throws {
        let footer = try decodeFooter(bytes(fromHex: Self.arrowFooterHex))
        #expect(footer.version == 2)
        #expect(footer.numRows == 3)
        #expect(footer.createdBy == "parquet-cpp-arrow version 26.0.1")
        #expect(footer.columnOrders == [ColumnOrder](repeating: .typeDefinedOrder, count: 4))

        #expect(footer.schema.map(\.name) == ["schema", "id", "name", "day", "price"])
        #expect(footer.schema[0].numChildren == 4)
        #expect(footer.schema[0].repetitionType == .required)
        #expect(footer.schema[1].type == .int64)
        #expect(footer.schema[1].repetitionType == .optional)
        #expect(footer.schema[2].logicalType == .string)
        #expect(footer.schema[2].convertedType == .utf8)
        #expect(footer.schema[3].logicalType == .date)
        #expect(footer.schema[4].type == .fixedLenByteArray)
        #expect(footer.schema[4].typeLength == 4)
        #expect(footer.schema[4].logicalType == .decimal(scale: 2, precision: 9))
        #expect(footer.schema[4].scale == 2 && footer.schema[4].precision == 9)

        #expect(footer.rowGroups.count == 1)
        let rowGroup = footer.rowGroups[0]
        #expect(rowGroup.numRows == 3)
        #expect(rowGroup.totalByteSize == 334)
        #expect(rowGroup.columns.count == 4)
        let id = try #require(rowGroup.columns[0].metaData)
        #expect(id.type == .int64)
        #expect(id.pathInSchema == ["id"])
        #expect(id.codecRawValue == 1)
        #expect(id.numValues == 3)
        #expect(id.totalCompressedSize == 112)
        #expect(id.totalUncompressedSize == 111)
        #expect(id.dictionaryPageOffset == 4)
        #expect(id.dataPageOffset == 41)
        #expect(Set(id.encodings) == [.plain, .rle, .rleDictionary])
        #expect(id.statistics?.nullCount == 0)
        #expect(id.statistics?.minValue == [1, 0, 0, 0, 0, 0, 0, 0])
        #expect(id.statistics?.maxValue == [3, 0, 0, 0, 0, 0, 0, 0])
        let name = try #require(rowGroup.columns[1].metaData)
        #expect(name.statistics?.nullCount == 1)
        #expect(name.statistics?.minValue == Array("a".utf8))
        #expect(name.statistics?.maxValue == Array("c".utf8))
        #expect(name.encodingStats?.contains(PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1)) == true)
        let price = try #require(rowGroup.columns[3].metaData)
        #expect(price.dataPageOffset == 293)
        #expect(price.dictionaryPageOffset == 269)
    }
}
