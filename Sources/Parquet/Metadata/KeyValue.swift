/// One entry of application metadata attached to a file or column chunk (Thrift `KeyValue`).
public struct KeyValue: Sendable, Equatable {
    public var key: String
    public var value: String?

    public init(key: String, value: String? = nil) {
        self.key = key
        self.value = value
    }

    /// Decodes the struct at the reader's position.
    /// - Throws: `SluiceError.data` on malformed bytes or a missing `key`.
    init(decoding reader: inout CompactReader) throws {
        var key: String?
        var value: String?
        var previousFieldID: Int16 = 0
        while let field = try reader.readFieldHeader(previousFieldID: &previousFieldID) {
            switch (field.id, field.type) {
            case (1, .binary): key = try reader.readString()
            case (2, .binary): value = try reader.readString()
            default: try reader.skip(field.type)
            }
        }
        self.key = try requireField(key, "KeyValue", "key")
        self.value = value
    }

    /// Appends the struct in compact form.
    func encode(to writer: inout CompactWriter) {
        writer.beginStruct()
        writer.writeField(1, string: key)
        if let value { writer.writeField(2, string: value) }
        writer.endStruct()
    }
}
