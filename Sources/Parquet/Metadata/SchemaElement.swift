/// One node of the file schema, which the footer stores flattened depth-first (Thrift
/// `SchemaElement`). Element 0 is the root group; groups have `numChildren`, leaves a `type`.
public struct SchemaElement: Sendable, Equatable {
    /// The physical type; set on leaves only.
    public var type: PhysicalType?
    /// The byte width of each value for `fixedLenByteArray`.
    public var typeLength: Int32?
    /// Absent on the root, set on every other element.
    public var repetitionType: FieldRepetitionType?
    public var name: String
    /// The number of child elements that follow; set on groups only.
    public var numChildren: Int32?
    public var convertedType: ConvertedType?
    /// Decimal scale, mirrored from the logical type for old readers.
    public var scale: Int32?
    /// Decimal precision, mirrored from the logical type for old readers.
    public var precision: Int32?
    public var fieldId: Int32?
    public var logicalType: LogicalType?

    public init(
        type: PhysicalType? = nil,
        typeLength: Int32? = nil,
        repetitionType: FieldRepetitionType? = nil,
        name: String,
        numChildren: Int32? = nil,
        convertedType: ConvertedType? = nil,
        scale: Int32? = nil,
        precision: Int32? = nil,
        fieldId: Int32? = nil,
        logicalType: LogicalType? = nil
    ) {
        self.type = type
        self.typeLength = typeLength
        self.repetitionType = repetitionType
        self.name = name
        self.numChildren = numChildren
        self.convertedType = convertedType
        self.scale = scale
        self.precision = precision
        self.fieldId = fieldId
        self.logicalType = logicalType
    }

    /// Decodes the struct at the reader's position.
    /// - Throws: `SluiceError.data` on malformed bytes or a missing `name`.
    init(decoding reader: inout CompactReader) throws {
        var name: String?
        self.init(name: "")
        var previousFieldID: Int16 = 0
        while let field = try reader.readFieldHeader(previousFieldID: &previousFieldID) {
            switch (field.id, field.type) {
            case (1, .i32): type = PhysicalType(rawValue: try reader.readI32())
            case (2, .i32): typeLength = try reader.readI32()
            case (3, .i32): repetitionType = FieldRepetitionType(rawValue: try reader.readI32())
            case (4, .binary): name = try reader.readString()
            case (5, .i32): numChildren = try reader.readI32()
            case (6, .i32): convertedType = ConvertedType(rawValue: try reader.readI32())
            case (7, .i32): scale = try reader.readI32()
            case (8, .i32): precision = try reader.readI32()
            case (9, .i32): fieldId = try reader.readI32()
            case (10, .struct): logicalType = try LogicalType(decoding: &reader)
            default: try reader.skip(field.type)
            }
        }
        self.name = try requireField(name, "SchemaElement", "name")
    }

    /// Appends the struct in compact form.
    func encode(to writer: inout CompactWriter) {
        writer.beginStruct()
        if let type { writer.writeField(1, i32: type.rawValue) }
        if let typeLength { writer.writeField(2, i32: typeLength) }
        if let repetitionType { writer.writeField(3, i32: repetitionType.rawValue) }
        writer.writeField(4, string: name)
        if let numChildren { writer.writeField(5, i32: numChildren) }
        if let convertedType { writer.writeField(6, i32: convertedType.rawValue) }
        if let scale { writer.writeField(7, i32: scale) }
        if let precision { writer.writeField(8, i32: precision) }
        if let fieldId { writer.writeField(9, i32: fieldId) }
        if let logicalType {
            writer.writeFieldHeader(id: 10, type: .struct)
            logicalType.encode(to: &writer)
        }
        writer.endStruct()
    }
}
