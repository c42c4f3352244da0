/// The header in front of every page of a column chunk (Thrift `PageHeader`).
///
/// Exactly one of the type-specific headers is set, matching `type`; index pages' headers are
/// skipped while decoding, as Parquet never writes index pages.
public struct PageHeader: Sendable, Equatable {
    public var type: PageType
    /// Body bytes after decompression, header excluded.
    public var uncompressedPageSize: Int32
    /// Body bytes as stored, header excluded.
    public var compressedPageSize: Int32
    /// CRC-32 (polynomial 0x04C11DB7) of the stored body.
    public var crc: Int32?
    public var dataPageHeader: DataPageHeader?
    public var dictionaryPageHeader: DictionaryPageHeader?
    public var dataPageHeaderV2: DataPageHeaderV2?

    public init(
        type: PageType,
        uncompressedPageSize: Int32,
        compressedPageSize: Int32,
        crc: Int32? = nil,
        dataPageHeader: DataPageHeader? = nil,
        dictionaryPageHeader: DictionaryPageHeader? = nil,
        dataPageHeaderV2: DataPageHeaderV2? = nil
    ) {
        self.type = type
        self.uncompressedPageSize = uncompressedPageSize
        self.compressedPageSize = compressedPageSize
        self.crc = crc
        self.dataPageHeader = dataPageHeader
        self.dictionaryPageHeader = dictionaryPageHeader
        self.dataPageHeaderV2 = dataPageHeaderV2
    }

    /// Decodes the page header at the start of `bytes`, which may run on into the page body
    /// and further pages.
    ///
    /// - Parameter bytes: bytes starting at the header; only read during the call.
    /// - Returns: the header and how many bytes it took, so the body starts at
    ///   `headerByteCount`.
    /// - Throws: `SluiceError.data` when the header is truncated, malformed or misses a
    ///   required field.
    public static func decode(from bytes: UnsafeRawBufferPointer) throws -> (header: PageHeader, headerByteCount: Int) {
        var reader = CompactReader(bytes)
        let header = try PageHeader(decoding: &reader)
        return (header, reader.offset)
    }

    /// Decodes the struct at the reader's position.
    /// - Throws: `SluiceError.data` on malformed bytes or a missing required field.
    init(decoding reader: inout CompactReader) throws {
        var type: PageType?
        var uncompressedPageSize: Int32?
        var compressedPageSize: Int32?
        var crc: Int32?
        var dataPageHeader: DataPageHeader?
        var dictionaryPageHeader: DictionaryPageHeader?
        var dataPageHeaderV2: DataPageHeaderV2?
        var previousFieldID: Int16 = 0
        while let field = try reader.readFieldHeader(previousFieldID: &previousFieldID) {
            switch (field.id, field.type) {
            case (1, .i32): type = PageType(rawValue: try reader.readI32())
            case (2, .i32): uncompressedPageSize = try reader.readI32()
            case (3, .i32): compressedPageSize = try reader.readI32()
            case (4, .i32): crc = try reader.readI32()
            case (5, .struct): dataPageHeader = try DataPageHeader(decoding: &reader)
            case (7, .struct): dictionaryPageHeader = try DictionaryPageHeader(decoding: &reader)
            case (8, .struct): dataPageHeaderV2 = try DataPageHeaderV2(decoding: &reader)
            default: try reader.skip(field.type)
            }
        }
        self.type = try requireField(type, "PageHeader", "type")
        self.uncompressedPageSize = try requireField(uncompressedPageSize, "PageHeader", "uncompressed_page_size")
        self.compressedPageSize = try requireField(compressedPageSize, "PageHeader", "compressed_page_size")
        self.crc = crc
        self.dataPageHeader = dataPageHeader
        self.dictionaryPageHeader = dictionaryPageHeader
        self.dataPageHeaderV2 = dataPageHeaderV2
    }

    /// Appends the struct in compact form.
    func encode(to writer: inout CompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: type.rawValue)
        writer.writeField(2, i32: uncompressedPageSize)
        writer.writeField(3, i32: compressedPageSize)
        if let crc { writer.writeField(4, i32: crc) }
        if let dataPageHeader {
            writer.writeFieldHeader(id: 5, type: .struct)
            dataPageHeader.encode(to: &writer)
        }
        if let dictionaryPageHeader {
            writer.writeFieldHeader(id: 7, type: .struct)
            dictionaryPageHeader.encode(to: &writer)
        }
        if let dataPageHeaderV2 {
            writer.writeFieldHeader(id: 8, type: .struct)
            dataPageHeaderV2.encode(to: &writer)
        }
        writer.endStruct()
    }

    /// The header in compact form, ready to be followed by the page body.
    public func encoded() -> [UInt8] {
        var writer = CompactWriter(byteCapacity: 64)
        encode(to: &writer)
        return writer.bytes
    }
}
