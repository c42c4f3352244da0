/// A horizontal slice of the file: one column chunk per leaf column (Thrift `RowGroup`).
public struct RowGroup: Sendable, Equatable {
    /// One chunk per leaf, in schema leaf order.
    public var columns: [ColumnChunk]
    /// Uncompressed bytes of all column data.
    public var totalByteSize: Int64
    public var numRows: Int64
    public var sortingColumns: [SortingColumn]?
    /// File offset of the row group's first page (dictionary or data).
    public var fileOffset: Int64?
    /// Stored bytes of all column chunks.
    public var totalCompressedSize: Int64?
    /// The row group's position in the file.
    public var ordinal: Int16?

    public init(
        columns: [ColumnChunk] = [],
        totalByteSize: Int64 = 0,
        numRows: Int64 = 0,
        sortingColumns: [SortingColumn]? = nil,
        fileOffset: Int64? = nil,
        totalCompressedSize: Int64? = nil,
        ordinal: Int16? = nil
    ) {
        self.columns = columns
        self.totalByteSize = totalByteSize
        self.numRows = numRows
        self.sortingColumns = sortingColumns
        self.fileOffset = fileOffset
        self.totalCompressedSize = totalCompressedSize
        self.ordinal = ordinal
    }

    /// Decodes the struct at the reader's position.
    /// - Throws: `SluiceError.data` on malformed bytes or a missing required field.
    init(decoding reader: inout CompactReader) throws {
        var columns: [ColumnChunk]?
        var totalByteSize: Int64?
        var numRows: Int64?
        self.init()
        var previousFieldID: Int16 = 0
        while let field = try reader.readFieldHeader(previousFieldID: &previousFieldID) {
            switch (field.id, field.type) {
            case (1, .list): columns = try reader.readList(of: .struct) { try ColumnChunk(decoding: &$0) }
            case (2, .i64): totalByteSize = try reader.readI64()
            case (3, .i64): numRows = try reader.readI64()
            case (4, .list): sortingColumns = try reader.readList(of: .struct) { try SortingColumn(decoding: &$0) }
            case (5, .i64): fileOffset = try reader.readI64()
            case (6, .i64): totalCompressedSize = try reader.readI64()
            case (7, .i16): ordinal = try reader.readI16()
            default: try reader.skip(field.type)
            }
        }
        self.columns = try requireField(columns, "RowGroup", "columns")
        self.totalByteSize = try requireField(totalByteSize, "RowGroup", "total_byte_size")
        self.numRows = try requireField(numRows, "RowGroup", "num_rows")
    }

    /// Appends the struct in compact form.
    func encode(to writer: inout CompactWriter) {
        writer.beginStruct()
        writer.writeListField(1, of: .struct, columns) { $1.encode(to: &$0) }
        writer.writeField(2, i64: totalByteSize)
        writer.writeField(3, i64: numRows)
        if let sortingColumns {
            writer.writeListField(4, of: .struct, sortingColumns) { $1.encode(to: &$0) }
        }
        if let fileOffset { writer.writeField(5, i64: fileOffset) }
        if let totalCompressedSize { writer.writeField(6, i64: totalCompressedSize) }
        if let ordinal { writer.writeField(7, i16: ordinal) }
        writer.endStruct()
    }
}
