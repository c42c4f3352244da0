import Testing
@testable import Parquet
import SluiceCore

/// Data pages in BYTE_STREAM_SPLIT encoding, as DuckDB's V2 writer produces for FLOAT and
/// DOUBLE columns, read through the column chunk reader with the same conversions as PLAIN.
@Suite struct ByteStreamSplitReadingTests {
    /// One uncompressed v1 data page: optional columns get length-prefixed definition levels.
    private static func chunk(values: [UInt8], valueCount: Int, levels: [UInt32]?) -> [UInt8] {
        var body: [UInt8] = []
        if let levels {
            var encoder = RLEHybridEncoder(bitWidth: 1)
            for level in levels { encoder.append(level) }
            encoder.finishLengthPrefixed(appendingTo: &body)
        }
        body.append(contentsOf: values)
        var header = PageHeader(type: .dataPage, uncompressedPageSize: Int32(body.count), compressedPageSize: Int32(body.count))
        header.dataPageHeader = DataPageHeader(numValues: Int32(levels?.count ?? valueCount), encoding: .byteStreamSplit,
                                               definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle)
        return header.encoded() + body
    }

    private static func read(_ chunk: [UInt8], _ descriptor: ParquetColumnDescriptor, rowCount: Int) throws -> Column {
        let metaData = ColumnMetaData(type: descriptor.physicalType, encodings: [.byteStreamSplit], pathInSchema: [descriptor.field.name],
                                      codecRawValue: CompressionCodec.uncompressed.rawValue, numValues: Int64(rowCount),
                                      totalUncompressedSize: Int64(chunk.count), totalCompressedSize: Int64(chunk.count),
                                      dataPageOffset: 4)
        var reader = try ColumnChunkReader(descriptor: descriptor, metaData: metaData, filePath: "split.parquet")
        return try chunk.withUnsafeBytes { try reader.read($0, fileOffset: 4, rowCount: rowCount) }
    }

    @Test func doublesWithNullsDecode() throws {
        let doubles: [Double] = [1.5, -0.0, .infinity, 1e-300]
        var split: [UInt8] = []
        ByteStreamSplitEncoding.encode(doubles.map(\.bitPattern), appendingTo: &split)
        let descriptor = ParquetColumnDescriptor(writing: Field("ratio", .float64))
        let levels: [UInt32] = [1, 0, 1, 1, 0, 1]
        let column = try Self.read(Self.chunk(values: split, valueCount: 4, levels: levels), descriptor, rowCount: 6)
        let expected: [Value] = [.float64(1.5), .null, .float64(-0.0), .float64(.infinity), .null, .float64(1e-300)]
        #expect((0..<6).map { column[$0] } == expected)
        if case .float64(let values) = column.values { #expect(values[2].sign == .minus) }
    }

    @Test func floatsWidenToDoubles() throws {
        let floats: [Float] = [0.1, -2, .greatestFiniteMagnitude]
        var split: [UInt8] = []
        ByteStreamSplitEncoding.encode(floats.map(\.bitPattern), appendingTo: &split)
        let descriptor = try ParquetColumnDescriptor(reading: SchemaElement(type: .float, repetitionType: .required, name: "f"),
                                                     path: "split.parquet")
        let column = try Self.read(Self.chunk(values: split, valueCount: 3, levels: nil), descriptor, rowCount: 3)
        #expect((0..<3).map { column[$0] } == floats.map { .float64(Double($0)) })
    }

    @Test func integerBackedAndFixedLengthDecimalsDecode() throws {
        let narrow = ParquetColumnDescriptor(writing: Field("price", .decimal(precision: 9, scale: 2), nullable: false))
        var split: [UInt8] = []
        ByteStreamSplitEncoding.encode([Int32(-1), 999_999_999].map { UInt32(bitPattern: $0) }, appendingTo: &split)
        let narrowColumn = try Self.read(Self.chunk(values: split, valueCount: 2, levels: nil), narrow, rowCount: 2)
        #expect([narrowColumn[0], narrowColumn[1]] == [.decimal(-1, scale: 2), .decimal(999_999_999, scale: 2)])

        let wide = ParquetColumnDescriptor(writing: Field("huge", .decimal(precision: 38, scale: 10), nullable: false))
        let width = Int(wide.typeLength ?? 0)
        var plain: [UInt8] = []
        let decimals: [Int128] = [-1, Decimal128.powerOfTen(38) - 1]
        for value in decimals { PlainEncoding.encodeBigEndianDecimal(value, byteWidth: width, appendingTo: &plain) }
        // Stream k holds byte k of every value.
        let splitWide = (0..<width).flatMap { stream in (0..<decimals.count).map { plain[$0 * width + stream] } }
        let wideColumn = try Self.read(Self.chunk(values: splitWide, valueCount: 2, levels: nil), wide, rowCount: 2)
        #expect([wideColumn[0], wideColumn[1]] == decimals.map { .decimal($0, scale: 10) })
    }

    @Test func tooFewBytesIsCorruptData() throws {
        let descriptor = ParquetColumnDescriptor(writing: Field("ratio", .float64, nullable: false))
        let chunk = Self.chunk(values: [UInt8](repeating: 0, count: 12), valueCount: 2, levels: nil)
        #expect(throws: SluiceError.self) { try Self.read(chunk, descriptor, rowCount: 2) }
    }
}
