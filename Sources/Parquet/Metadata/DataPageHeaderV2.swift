/// The header of a version 2 data page (Thrift `DataPageHeaderV2`): repetition levels, then
/// definition levels, both uncompressed, then the (possibly compressed) values.
public struct DataPageHeaderV2: Sendable, Equatable {
    /// Values in the page, nulls included.
    public var numValues: Int32
    public var numNulls: Int32
    /// Rows in the page; a page starts and ends on row boundaries.
    public var numRows: Int32
    public var encoding: Encoding
    /// Byte length of the definition levels at the start of the body.
    public var definitionLevelsByteLength: Int32
    /// Byte length of the repetition levels at the start of the body.
    public var repetitionLevelsByteLength: Int32
    /// Whether the values section is compressed; absent in the file means true.
    public var isCompressed: Bool
    public var statistics: Statistics?

    public init(
        numValues: Int32,
        numNulls: Int32 = 0,
        numRows: Int32,
        encoding: Encoding = .plain,
        definitionLevelsByteLength: Int32 = 0,
        repetitionLevelsByteLength: Int32 = 0,
        isCompressed: Bool = true,
        statistics: Statistics? = nil
    ) {
        self.numValues = numValues
        self.numNulls = numNulls
        self.numRows = numRows
        self.encoding = encoding
        self.definitionLevelsByteLength = definitionLevelsByteLength
        self.repetitionLevelsByteLength = repetitionLevelsByteLength
        self.isCompressed = isCompressed
        self.statistics = statistics
    }

    /// Decodes the struct at the reader's position.
    /// - Throws: `SluiceError.data` on malformed bytes or a missing required field.
    init(decoding reader: inout CompactReader) throws {
        var numValues: Int32?
        var numNulls: Int32?
        var numRows: Int32?
        var encoding: Encoding?
        var definitionLevelsByteLength: Int32?
        var repetitionLevelsByteLength: Int32?
        var isCompressed = true
        var statistics: Statistics?
        var previousFieldID: Int16 = 0
        while let field = try reader.readFieldHeader(previousFieldID: &previousFieldID) {
            switch (field.id, field.type) {
            case (1, .i32): numValues = try reader.readI32()
            case (2, .i32): numNulls = try reader.readI32()
            case (3, .i32): numRows = try reader.readI32()
            case (4, .i32): encoding = Encoding(rawValue: try reader.readI32())
            case (5, .i32): definitionLevelsByteLength = try reader.readI32()
            case (6, .i32): repetitionLevelsByteLength = try reader.readI32()
            case (7, .boolTrue), (7, .boolFalse): isCompressed = field.boolValue
            case (8, .struct): statistics = try Statistics(decoding: &reader)
            default: try reader.skip(field.type)
            }
        }
        self.numValues = try requireField(numValues, "DataPageHeaderV2", "num_values")
        self.numNulls = try requireField(numNulls, "DataPageHeaderV2", "num_nulls")
        self.numRows = try requireField(numRows, "DataPageHeaderV2", "num_rows")
        self.encoding = try requireField(encoding, "DataPageHeaderV2", "encoding")
        self.definitionLevelsByteLength = try requireField(definitionLevelsByteLength, "DataPageHeaderV2", "definition_levels_byte_length")
        self.repetitionLevelsByteLength = try requireField(repetitionLevelsByteLength, "DataPageHeaderV2", "repetition_levels_byte_length")
        self.isCompressed = isCompressed
        self.statistics = statistics
    }

    /// Appends the struct in compact form; `isCompressed` is always written, which every
    /// reader understands.
    func encode(to writer: inout CompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: numValues)
        writer.writeField(2, i32: numNulls)
        writer.writeField(3, i32: numRows)
        writer.writeField(4, i32: encoding.rawValue)
        writer.writeField(5, i32: definitionLevelsByteLength)
        writer.writeField(6, i32: repetitionLevelsByteLength)
        writer.writeField(7, bool: isCompressed)
        if let statistics {
            writer.writeFieldHeader(id: 8, type: .struct)
            statistics.encode(to: &writer)
        }
        writer.endStruct()
    }
}
