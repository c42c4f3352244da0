/// Where a column chunk's pages are and what they hold (Thrift `ColumnMetaData`).
public struct ColumnMetaData: Sendable, Equatable {
    public var type: PhysicalType
    /// Every encoding used by the chunk's pages, levels included.
    public var encodings: [Encoding]
    /// The leaf's path below the schema root.
    public var pathInSchema: [String]
    /// The Thrift `CompressionCodec` value, kept raw so a codec newer than Sluice still opens
    /// the footer.
    public var codecRawValue: Int32
    /// Values in the chunk, nulls included.
    public var numValues: Int64
    /// Uncompressed bytes of all pages, page headers included.
    public var totalUncompressedSize: Int64
    /// Stored bytes of all pages, page headers included.
    public var totalCompressedSize: Int64
    public var keyValueMetadata: [KeyValue]?
    /// File offset of the first data page.
    public var dataPageOffset: Int64
    public var indexPageOffset: Int64?
    /// File offset of the dictionary page, which precedes the data pages when present.
    public var dictionaryPageOffset: Int64?
    public var statistics: Statistics?
    public var encodingStats: [PageEncodingStats]?
    /// File offset of the chunk's split-block Bloom filter.
    public var bloomFilterOffset: Int64?
    /// Byte length of the Bloom filter, header included.
    public var bloomFilterLength: Int32?

    public init(
        type: PhysicalType,
        encodings: [Encoding] = [],
        pathInSchema: [String],
        codecRawValue: Int32 = 0,
        numValues: Int64 = 0,
        totalUncompressedSize: Int64 = 0,
        totalCompressedSize: Int64 = 0,
        keyValueMetadata: [KeyValue]? = nil,
        dataPageOffset: Int64 = 0,
        indexPageOffset: Int64? = nil,
        dictionaryPageOffset: Int64? = nil,
        statistics: Statistics? = nil,
        encodingStats: [PageEncodingStats]? = nil,
        bloomFilterOffset: Int64? = nil,
        bloomFilterLength: Int32? = nil
    ) {
        self.type = type
        self.encodings = encodings
        self.pathInSchema = pathInSchema
        self.codecRawValue = codecRawValue
        self.numValues = numValues
        self.totalUncompressedSize = totalUncompressedSize
        self.totalCompressedSize = totalCompressedSize
        self.keyValueMetadata = keyValueMetadata
        self.dataPageOffset = dataPageOffset
        self.indexPageOffset = indexPageOffset
        self.dictionaryPageOffset = dictionaryPageOffset
        self.statistics = statistics
        self.encodingStats = encodingStats
        self.bloomFilterOffset = bloomFilterOffset
        self.bloomFilterLength = bloomFilterLength
    }

    /// Decodes the struct at the reader's position.
    /// - Throws: `SluiceError.data` on malformed bytes or a missing required field.
    init(decoding reader: inout CompactReader) throws {
        var type: PhysicalType?
        var encodings: [Encoding]?
        var pathInSchema: [String]?
        var codecRawValue: Int32?
        var numValues: Int64?
        var totalUncompressedSize: Int64?
        var totalCompressedSize: Int64?
        var dataPageOffset: Int64?
        self.init(type: .boolean, pathInSchema: [])
        var previousFieldID: Int16 = 0
        while let field = try reader.readFieldHeader(previousFieldID: &previousFieldID) {
            switch (field.id, field.type) {
            case (1, .i32): type = PhysicalType(rawValue: try reader.readI32())
            case (2, .list): encodings = try reader.readList(of: .i32) { Encoding(rawValue: try $0.readI32()) }
            case (3, .list): pathInSchema = try reader.readList(of: .binary) { try $0.readString() }
            case (4, .i32): codecRawValue = try reader.readI32()
            case (5, .i64): numValues = try reader.readI64()
            case (6, .i64): totalUncompressedSize = try reader.readI64()
            case (7, .i64): totalCompressedSize = try reader.readI64()
            case (8, .list): keyValueMetadata = try reader.readList(of: .struct) { try KeyValue(decoding: &$0) }
            case (9, .i64): dataPageOffset = try reader.readI64()
            case (10, .i64): indexPageOffset = try reader.readI64()
            case (11, .i64): dictionaryPageOffset = try reader.readI64()
            case (12, .struct): statistics = try Statistics(decoding: &reader)
            case (13, .list): encodingStats = try reader.readList(of: .struct) { try PageEncodingStats(decoding: &$0) }
            case (14, .i64): bloomFilterOffset = try reader.readI64()
            case (15, .i32): bloomFilterLength = try reader.readI32()
            default: try reader.skip(field.type)
            }
        }
        self.type = try requireField(type, "ColumnMetaData", "type")
        self.encodings = try requireField(encodings, "ColumnMetaData", "encodings")
        self.pathInSchema = try requireField(pathInSchema, "ColumnMetaData", "path_in_schema")
        self.codecRawValue = try requireField(codecRawValue, "ColumnMetaData", "codec")
        self.numValues = try requireField(numValues, "ColumnMetaData", "num_values")
        self.totalUncompressedSize = try requireField(totalUncompressedSize, "ColumnMetaData", "total_uncompressed_size")
        self.totalCompressedSize = try requireField(totalCompressedSize, "ColumnMetaData", "total_compressed_size")
        self.dataPageOffset = try requireField(dataPageOffset, "ColumnMetaData", "data_page_offset")
    }

    /// Appends the struct in compact form.
    func encode(to writer: inout CompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: type.rawValue)
        writer.writeListField(2, of: .i32, encodings) { $0.writeI32($1.rawValue) }
        writer.writeListField(3, of: .binary, pathInSchema) { $0.writeString($1) }
        writer.writeField(4, i32: codecRawValue)
        writer.writeField(5, i64: numValues)
        writer.writeField(6, i64: totalUncompressedSize)
        writer.writeField(7, i64: totalCompressedSize)
        if let keyValueMetadata {
            writer.writeListField(8, of: .struct, keyValueMetadata) { $1.encode(to: &$0) }
        }
        writer.writeField(9, i64: dataPageOffset)
        if let indexPageOffset { writer.writeField(10, i64: indexPageOffset) }
        if let dictionaryPageOffset { writer.writeField(11, i64: dictionaryPageOffset) }
        if let statistics {
            writer.writeFieldHeader(id: 12, type: .struct)
            statistics.encode(to: &writer)
        }
        if let encodingStats {
            writer.writeListField(13, of: .struct, encodingStats) { $1.encode(to: &$0) }
        }
        if let bloomFilterOffset { writer.writeField(14, i64: bloomFilterOffset) }
        if let bloomFilterLength { writer.writeField(15, i32: bloomFilterLength) }
        writer.endStruct()
    }
}
