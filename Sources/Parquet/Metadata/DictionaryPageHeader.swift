/// The header of a dictionary page (Thrift `DictionaryPageHeader`).
public struct DictionaryPageHeader: Sendable, Equatable {
    /// Entries in the dictionary.
    public var numValues: Int32
    /// PLAIN for new files; old files say PLAIN_DICTIONARY for the same layout.
    public var encoding: Encoding
    public var isSorted: Bool?

    public init(numValues: Int32, encoding: Encoding = .plain, isSorted: Bool? = nil) {
        self.numValues = numValues
        self.encoding = encoding
        self.isSorted = isSorted
    }

    /// Decodes the struct at the reader's position.
    /// - Throws: `SluiceError.data` on malformed bytes or a missing required field.
    init(decoding reader: inout CompactReader) throws {
        var numValues: Int32?
        var encoding: Encoding?
        var isSorted: Bool?
        var previousFieldID: Int16 = 0
        while let field = try reader.readFieldHeader(previousFieldID: &previousFieldID) {
            switch (field.id, field.type) {
            case (1, .i32): numValues = try reader.readI32()
            case (2, .i32): encoding = Encoding(rawValue: try reader.readI32())
            case (3, .boolTrue), (3, .boolFalse): isSorted = field.boolValue
            default: try reader.skip(field.type)
            }
        }
        self.numValues = try requireField(numValues, "DictionaryPageHeader", "num_values")
        self.encoding = try requireField(encoding, "DictionaryPageHeader", "encoding")
        self.isSorted = isSorted
    }

    /// Appends the struct in compact form.
    func encode(to writer: inout CompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: numValues)
        writer.writeField(2, i32: encoding.rawValue)
        if let isSorted { writer.writeField(3, bool: isSorted) }
        writer.endStruct()
    }
}
