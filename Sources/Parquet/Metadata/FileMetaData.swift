import SluiceCore

/// The file footer: schema, row groups and their column chunks (Thrift `FileMetaData`).
public struct FileMetaData: Sendable, Equatable {
    /// Format version; writers set 1, readers accept 1 and 2.
    public var version: Int32
    /// The schema tree flattened depth-first; element 0 is the root.
    public var schema: [SchemaElement]
    public var numRows: Int64
    public var rowGroups: [RowGroup]
    public var keyValueMetadata: [KeyValue]?
    /// The writing application, as "app version X (build H)".
    public var createdBy: String?
    /// One per leaf, in schema leaf order; needed for `minValue`/`maxValue` to mean anything.
    public var columnOrders: [ColumnOrder]?

    public init(
        version: Int32 = 1,
        schema: [SchemaElement] = [],
        numRows: Int64 = 0,
        rowGroups: [RowGroup] = [],
        keyValueMetadata: [KeyValue]? = nil,
        createdBy: String? = nil,
        columnOrders: [ColumnOrder]? = nil
    ) {
        self.version = version
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
        self.keyValueMetadata = keyValueMetadata
        self.createdBy = createdBy
        self.columnOrders = columnOrders
    }

    /// Decodes a footer from exactly the bytes between the column data and the footer length.
    ///
    /// Bytes after the struct's stop byte are ignored.
    /// - Parameter bytes: the serialized footer; only read during the call.
    /// - Throws: `SluiceError.data` when the bytes are truncated, malformed or miss a required
    ///   field.
    public init(decoding bytes: UnsafeRawBufferPointer) throws {
        var reader = CompactReader(bytes)
        try self.init(decoding: &reader)
    }

    /// Decodes the struct at the reader's position.
    /// - Throws: `SluiceError.data` on malformed bytes or a missing required field.
    init(decoding reader: inout CompactReader) throws {
        var version: Int32?
        var schema: [SchemaElement]?
        var numRows: Int64?
        var rowGroups: [RowGroup]?
        self.init()
        var previousFieldID: Int16 = 0
        while let field = try reader.readFieldHeader(previousFieldID: &previousFieldID) {
            switch (field.id, field.type) {
            case (1, .i32): version = try reader.readI32()
            case (2, .list): schema = try reader.readList(of: .struct) { try SchemaElement(decoding: &$0) }
            case (3, .i64): numRows = try reader.readI64()
            case (4, .list): rowGroups = try reader.readList(of: .struct) { try RowGroup(decoding: &$0) }
            case (5, .list): keyValueMetadata = try reader.readList(of: .struct) { try KeyValue(decoding: &$0) }
            case (6, .binary): createdBy = try reader.readString()
            case (7, .list): columnOrders = try reader.readList(of: .struct) { try ColumnOrder(decoding: &$0) }
            default: try reader.skip(field.type)
            }
        }
        self.version = try requireField(version, "FileMetaData", "version")
        self.schema = try requireField(schema, "FileMetaData", "schema")
        self.numRows = try requireField(numRows, "FileMetaData", "num_rows")
        self.rowGroups = try requireField(rowGroups, "FileMetaData", "row_groups")
    }

    /// Appends the struct in compact form.
    func encode(to writer: inout CompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: version)
        writer.writeListField(2, of: .struct, schema) { $1.encode(to: &$0) }
        writer.writeField(3, i64: numRows)
        writer.writeListField(4, of: .struct, rowGroups) { $1.encode(to: &$0) }
        if let keyValueMetadata {
            writer.writeListField(5, of: .struct, keyValueMetadata) { $1.encode(to: &$0) }
        }
        if let createdBy { writer.writeField(6, string: createdBy) }
        if let columnOrders {
            writer.writeListField(7, of: .struct, columnOrders) { $1.encode(to: &$0) }
        }
        writer.endStruct()
    }

    /// The footer in compact form, ready to be followed by its length and the magic.
    public func encoded() -> [UInt8] {
        // A column chunk with statistics takes roughly 100 bytes, a schema element 30.
        let chunkCount = rowGroups.reduce(0) { $0 + $1.columns.count }
        var writer = CompactWriter(byteCapacity: 256 + 32 * schema.count + 112 * chunkCount)
        encode(to: &writer)
        return writer.bytes
    }
}
