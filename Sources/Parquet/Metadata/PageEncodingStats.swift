/// How many pages of one kind a column chunk holds in one encoding (Thrift `PageEncodingStats`).
public struct PageEncodingStats: Sendable, Equatable {
    public var pageType: PageType
    public var encoding: Encoding
    /// Number of pages of this type with this encoding.
    public var count: Int32

    public init(pageType: PageType, encoding: Encoding, count: Int32) {
        self.pageType = pageType
        self.encoding = encoding
        self.count = count
    }

    /// Decodes the struct at the reader's position.
    /// - Throws: `SluiceError.data` on malformed bytes or a missing required field.
    init(decoding reader: inout CompactReader) throws {
        var pageType: PageType?
        var encoding: Encoding?
        var count: Int32?
        var previousFieldID: Int16 = 0
        while let field = try reader.readFieldHeader(previousFieldID: &previousFieldID) {
            switch (field.id, field.type) {
            case (1, .i32): pageType = PageType(rawValue: try reader.readI32())
            case (2, .i32): encoding = Encoding(rawValue: try reader.readI32())
            case (3, .i32): count = try reader.readI32()
            default: try reader.skip(field.type)
            }
        }
        self.pageType = try requireField(pageType, "PageEncodingStats", "page_type")
        self.encoding = try requireField(encoding, "PageEncodingStats", "encoding")
        self.count = try requireField(count, "PageEncodingStats", "count")
    }

    /// Appends the struct in compact form.
    func encode(to writer: inout CompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: pageType.rawValue)
        writer.writeField(2, i32: encoding.rawValue)
        writer.writeField(3, i32: count)
        writer.endStruct()
    }
}
