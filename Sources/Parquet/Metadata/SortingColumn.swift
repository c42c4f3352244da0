/// One column a row group is sorted by (Thrift `SortingColumn`).
public struct SortingColumn: Sendable, Equatable {
    /// The leaf column's index in schema leaf order.
    public var columnIndex: Int32
    public var descending: Bool
    /// Whether nulls sort before non-null values.
    public var nullsFirst: Bool

    public init(columnIndex: Int32, descending: Bool = false, nullsFirst: Bool = false) {
        self.columnIndex = columnIndex
        self.descending = descending
        self.nullsFirst = nullsFirst
    }

    /// Decodes the struct at the reader's position.
    /// - Throws: `SluiceError.data` on malformed bytes or a missing required field.
    init(decoding reader: inout CompactReader) throws {
        var columnIndex: Int32?
        var descending: Bool?
        var nullsFirst: Bool?
        var previousFieldID: Int16 = 0
        while let field = try reader.readFieldHeader(previousFieldID: &previousFieldID) {
            switch (field.id, field.type) {
            case (1, .i32): columnIndex = try reader.readI32()
            case (2, .boolTrue), (2, .boolFalse): descending = field.boolValue
            case (3, .boolTrue), (3, .boolFalse): nullsFirst = field.boolValue
            default: try reader.skip(field.type)
            }
        }
        self.columnIndex = try requireField(columnIndex, "SortingColumn", "column_idx")
        self.descending = try requireField(descending, "SortingColumn", "descending")
        self.nullsFirst = try requireField(nullsFirst, "SortingColumn", "nulls_first")
    }

    /// Appends the struct in compact form.
    func encode(to writer: inout CompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: columnIndex)
        writer.writeField(2, bool: descending)
        writer.writeField(3, bool: nullsFirst)
        writer.endStruct()
    }
}
