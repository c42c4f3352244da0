/// One leaf column's data within a row group (Thrift `ColumnChunk`).
public struct ColumnChunk: Sendable, Equatable {
    /// A file holding the chunk other than this one; Sluice leaves it unset.
    public var filePath: String?
    /// Deprecated; writers set 0.
    public var fileOffset: Int64
    /// Optional in Thrift, but every writer sets it and readers need it.
    public var metaData: ColumnMetaData?
    public var offsetIndexOffset: Int64?
    public var offsetIndexLength: Int32?
    public var columnIndexOffset: Int64?
    public var columnIndexLength: Int32?

    public init(
        filePath: String? = nil,
        fileOffset: Int64 = 0,
        metaData: ColumnMetaData? = nil,
        offsetIndexOffset: Int64? = nil,
        offsetIndexLength: Int32? = nil,
        columnIndexOffset: Int64? = nil,
        columnIndexLength: Int32? = nil
    ) {
        self.filePath = filePath
        self.fileOffset = fileOffset
        self.metaData = metaData
        self.offsetIndexOffset = offsetIndexOffset
        self.offsetIndexLength = offsetIndexLength
        self.columnIndexOffset = columnIndexOffset
        self.columnIndexLength = columnIndexLength
    }

    /// Decodes the struct at the reader's position.
    /// - Throws: `SluiceError.data` on malformed bytes or a missing `file_offset`.
    init(decoding reader: inout CompactReader) throws {
        var fileOffset: Int64?
        self.init()
        var previousFieldID: Int16 = 0
        while let field = try reader.readFieldHeader(previousFieldID: &previousFieldID) {
            switch (field.id, field.type) {
            case (1, .binary): filePath = try reader.readString()
            case (2, .i64): fileOffset = try reader.readI64()
            case (3, .struct): metaData = try ColumnMetaData(decoding: &reader)
            case (4, .i64): offsetIndexOffset = try reader.readI64()
            case (5, .i32): offsetIndexLength = try reader.readI32()
            case (6, .i64): columnIndexOffset = try reader.readI64()
            case (7, .i32): columnIndexLength = try reader.readI32()
            default: try reader.skip(field.type)
            }
        }
        self.fileOffset = try requireField(fileOffset, "ColumnChunk", "file_offset")
    }

    /// Appends the struct in compact form.
    func encode(to writer: inout CompactWriter) {
        writer.beginStruct()
        if let filePath { writer.writeField(1, string: filePath) }
        writer.writeField(2, i64: fileOffset)
        if let metaData {
            writer.writeFieldHeader(id: 3, type: .struct)
            metaData.encode(to: &writer)
        }
        if let offsetIndexOffset { writer.writeField(4, i64: offsetIndexOffset) }
        if let offsetIndexLength { writer.writeField(5, i32: offsetIndexLength) }
        if let columnIndexOffset { writer.writeField(6, i64: columnIndexOffset) }
        if let columnIndexLength { writer.writeField(7, i32: columnIndexLength) }
        writer.endStruct()
    }
}
