/// The header of a version 1 data page (Thrift `DataPageHeader`): levels and values share one
/// compressed body.
public struct DataPageHeader: Sendable, Equatable {
    /// Values in the page, nulls included.
    public var numValues: Int32
    public var encoding: Encoding
    public var definitionLevelEncoding: Encoding
    public var repetitionLevelEncoding: Encoding
    public var statistics: Statistics?

    public init(
        numValues: Int32,
        encoding: Encoding = .plain,
        definitionLevelEncoding: Encoding = .rle,
        repetitionLevelEncoding: Encoding = .rle,
        statistics: Statistics? = nil
    ) {
        self.numValues = numValues
        self.encoding = encoding
        self.definitionLevelEncoding = definitionLevelEncoding
        self.repetitionLevelEncoding = repetitionLevelEncoding
        self.statistics = statistics
    }

    /// Decodes the struct at the reader's position.
    /// - Throws: `SluiceError.data` on malformed bytes or a missing required field.
    init(decoding reader: inout CompactReader) throws {
        var numValues: Int32?
        var encoding: Encoding?
        var definitionLevelEncoding: Encoding?
        var repetitionLevelEncoding: Encoding?
        var statistics: Statistics?
        var previousFieldID: Int16 = 0
        while let field = try reader.readFieldHeader(previousFieldID: &previousFieldID) {
            switch (field.id, field.type) {
            case (1, .i32): numValues = try reader.readI32()
            case (2, .i32): encoding = Encoding(rawValue: try reader.readI32())
            case (3, .i32): definitionLevelEncoding = Encoding(rawValue: try reader.readI32())
            case (4, .i32): repetitionLevelEncoding = Encoding(rawValue: try reader.readI32())
            case (5, .struct): statistics = try Statistics(decoding: &reader)
            default: try reader.skip(field.type)
            }
        }
        self.numValues = try requireField(numValues, "DataPageHeader", "num_values")
        self.encoding = try requireField(encoding, "DataPageHeader", "encoding")
        self.definitionLevelEncoding = try requireField(definitionLevelEncoding, "DataPageHeader", "definition_level_encoding")
        self.repetitionLevelEncoding = try requireField(repetitionLevelEncoding, "DataPageHeader", "repetition_level_encoding")
        self.statistics = statistics
    }

    /// Appends the struct in compact form.
    func encode(to writer: inout CompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: numValues)
        writer.writeField(2, i32: encoding.rawValue)
        writer.writeField(3, i32: definitionLevelEncoding.rawValue)
        writer.writeField(4, i32: repetitionLevelEncoding.rawValue)
        if let statistics {
            writer.writeFieldHeader(id: 5, type: .struct)
            statistics.encode(to: &writer)
        }
        writer.endStruct()
    }
}
