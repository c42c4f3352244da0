@testable import Parquet
import SluiceCore

/// A Parquet file built page by page with the encodings and page kinds `ParquetWriter` never
/// writes but other writers do: data pages v2 (levels outside the compressed section),
/// DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and RLE booleans. Used to
/// check the reader's decoding of them and as a fuzzing seed.
enum EncodingVarietyFile {
    static let rowCount = 300

    static let schema = Schema([
        Field("id", .int64, nullable: false),
        Field("small", .int32),
        Field("name", .string),
        Field("word", .string, nullable: false),
        Field("flag", .boolean),
    ])

    /// The rows the file holds.
    static func expectedBatch() -> RecordBatch {
        let rows = 0..<rowCount
        var small = ColumnBuilder(type: .int32)
        var name = ColumnBuilder(type: .string)
        var word = ColumnBuilder(type: .string)
        var flag = ColumnBuilder(type: .boolean)
        for row in rows {
            if row % 7 == 3 { small.appendNull() } else { small.append(Int32(row * row % 1000) - 500) }
            if row % 5 == 0 { name.appendNull() } else { name.append("name-\(row)-" + String(repeating: "ü", count: row % 4)) }
            word.append(["apple", "apricot", "banana", "band", "bandana", ""][row % 6] + String(row / 50))
            if row % 9 == 8 { flag.appendNull() } else { flag.append(row % 3 == 0) }
        }
        let ids = Column(type: .int64, values: .int64(rows.map { Int64($0) * 1_000_003 - 7 }))
        return RecordBatch(schema: schema, columns: [ids, small.finish(), name.finish(), word.finish(), flag.finish()])
    }

    /// The file's bytes: one row group, two pages per column.
    static func bytes() throws -> [UInt8] {
        let batch = expectedBatch()
        let halves = [0..<(rowCount / 2), (rowCount / 2)..<rowCount]
        var file = ParquetFormat.magic
        var chunks: [ColumnChunk] = []
        let codecs: [CompressionCodec] = [.snappy, .uncompressed, .gzip, .gzip, .uncompressed]
        for (index, field) in schema.fields.enumerated() {
            let descriptor = ParquetColumnDescriptor(writing: field)
            var codec = try PageCodec(codecs[index])
            let chunkStart = file.count
            var encodings: Set<Encoding> = [.rle]
            for half in halves {
                let column = batch.columns[index].slice(half)
                let page = try self.page(index: index, column: column, descriptor: descriptor, codec: &codec)
                encodings.insert(page.encoding)
                file += page.bytes
            }
            var metaData = ColumnMetaData(type: descriptor.physicalType, encodings: encodings.sorted { $0.rawValue < $1.rawValue },
                                          pathInSchema: [field.name], codecRawValue: codecs[index].rawValue,
                                          numValues: Int64(rowCount), totalUncompressedSize: Int64(file.count - chunkStart),
                                          totalCompressedSize: Int64(file.count - chunkStart), dataPageOffset: Int64(chunkStart))
            var statistics = Statistics()
            statistics.nullCount = Int64(batch.columns[index].nullCount)
            metaData.statistics = statistics
            chunks.append(ColumnChunk(fileOffset: 0, metaData: metaData))
        }
        var root = SchemaElement(name: "schema")
        root.numChildren = Int32(schema.count)
        let elements = [root] + schema.fields.map { ParquetColumnDescriptor(writing: $0).schemaElement }
        let rowGroup = RowGroup(columns: chunks, totalByteSize: Int64(file.count - 4), numRows: Int64(rowCount))
        var metaData = FileMetaData(version: 2, schema: elements, numRows: Int64(rowCount), rowGroups: [rowGroup])
        metaData.createdBy = "hand-built test file"
        let footer = metaData.encoded()
        file += footer
        file += withUnsafeBytes(of: UInt32(footer.count).littleEndian) { Array($0) }
        file += ParquetFormat.magic
        return file
    }

    /// One page of a column: v2 for the first three columns, v1 for the others.
    private static func page(index: Int, column: Column, descriptor: ParquetColumnDescriptor,
                             codec: inout PageCodec) throws -> (bytes: [UInt8], encoding: Encoding) {
        var levels: [UInt8] = []
        if !descriptor.isRequired {
            var encoder = RLEHybridEncoder(bitWidth: 1)
            for row in 0..<column.count { encoder.append(column.isNull(row) ? 0 : 1) }
            levels = encoder.finish()
        }
        var values: [UInt8] = []
        let encoding: Encoding
        switch column.values {
        case .int64(let numbers):
            encoding = .deltaBinaryPacked
            var encoder = DeltaBinaryPackedEncoder<Int64>()
            for row in 0..<column.count where !column.isNull(row) { encoder.append(numbers[row]) }
            values = encoder.finish()
        case .int32(let numbers):
            encoding = .deltaBinaryPacked
            var encoder = DeltaBinaryPackedEncoder<Int32>()
            for row in 0..<column.count where !column.isNull(row) { encoder.append(numbers[row]) }
            values = encoder.finish()
        case .bytes(let buffer) where index == 2:
            encoding = .deltaLengthByteArray
            DeltaLengthByteArrayEncoding.encode(buffer, validity: column.validity, appendingTo: &values)
        case .bytes(let buffer):
            encoding = .deltaByteArray
            DeltaByteArrayEncoding.encode(buffer, validity: column.validity, appendingTo: &values)
        case .boolean(let flags):
            encoding = .rle
            var encoder = RLEHybridEncoder(bitWidth: 1)
            for row in 0..<column.count where !column.isNull(row) { encoder.append(flags[row] ? 1 : 0) }
            encoder.finishLengthPrefixed(appendingTo: &values)
        default:
            preconditionFailure("no page layout for \(column.type)")
        }
        if index < 3 {
            // Version 2: the levels stay uncompressed in front of the (compressed) values.
            var stored: [UInt8] = []
            let isCompressed = codec.codec != .uncompressed
            if isCompressed {
                try values.withUnsafeBytes { try codec.compress($0, appendingTo: &stored) }
            } else {
                stored = values
            }
            var header = PageHeader(type: .dataPageV2, uncompressedPageSize: Int32(levels.count + values.count),
                                    compressedPageSize: Int32(levels.count + stored.count))
            header.dataPageHeaderV2 = DataPageHeaderV2(numValues: Int32(column.count), numNulls: Int32(column.nullCount),
                                                       numRows: Int32(column.count), encoding: encoding,
                                                       definitionLevelsByteLength: Int32(levels.count), isCompressed: isCompressed)
            return (header.encoded() + levels + stored, encoding)
        }
        // Version 1: length-prefixed levels and values compressed together.
        var body: [UInt8] = []
        if !descriptor.isRequired {
            body += withUnsafeBytes(of: UInt32(levels.count).littleEndian) { Array($0) }
            body += levels
        }
        body += values
        var stored: [UInt8] = []
        if codec.codec == .uncompressed {
            stored = body
        } else {
            try body.withUnsafeBytes { try codec.compress($0, appendingTo: &stored) }
        }
        var header = PageHeader(type: .dataPage, uncompressedPageSize: Int32(body.count), compressedPageSize: Int32(stored.count))
        header.dataPageHeader = DataPageHeader(numValues: Int32(column.count), encoding: encoding)
        return (header.encoded() + stored, encoding)
    }
}
