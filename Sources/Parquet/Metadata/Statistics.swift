/// Statistics of a column chunk or page (Thrift `Statistics`).
///
/// Value bytes are the PLAIN encoding of one value (BYTE_ARRAY without its length prefix).
/// `min`/`max` are the deprecated signed-order fields; writers set `minValue`/`maxValue` (with
/// column orders in the footer) and always `nullCount`. Encoding writes every field that is set.
public struct Statistics: Sendable, Equatable {
    /// Deprecated: maximum in signed byte order.
    public var max: [UInt8]?
    /// Deprecated: minimum in signed byte order.
    public var min: [UInt8]?
    public var nullCount: Int64?
    public var distinctCount: Int64?
    public var maxValue: [UInt8]?
    public var minValue: [UInt8]?
    public var isMaxValueExact: Bool?
    public var isMinValueExact: Bool?
    /// NaN values counted for FLOAT, DOUBLE and FLOAT16 columns.
    public var nanCount: Int64?

    public init(
        max: [UInt8]? = nil,
        min: [UInt8]? = nil,
        nullCount: Int64? = nil,
        distinctCount: Int64? = nil,
        maxValue: [UInt8]? = nil,
        minValue: [UInt8]? = nil,
        isMaxValueExact: Bool? = nil,
        isMinValueExact: Bool? = nil,
        nanCount: Int64? = nil
    ) {
        self.max = max
        self.min = min
        self.nullCount = nullCount
        self.distinctCount = distinctCount
        self.maxValue = maxValue
        self.minValue = minValue
        self.isMaxValueExact = isMaxValueExact
        self.isMinValueExact = isMinValueExact
        self.nanCount = nanCount
    }

    /// Decodes the struct at the reader's position.
    /// - Throws: `SluiceError.data` on malformed bytes.
    init(decoding reader: inout CompactReader) throws {
        self.init()
        var previousFieldID: Int16 = 0
        while let field = try reader.readFieldHeader(previousFieldID: &previousFieldID) {
            switch (field.id, field.type) {
            case (1, .binary): max = try reader.readBinary()
            case (2, .binary): min = try reader.readBinary()
            case (3, .i64): nullCount = try reader.readI64()
            case (4, .i64): distinctCount = try reader.readI64()
            case (5, .binary): maxValue = try reader.readBinary()
            case (6, .binary): minValue = try reader.readBinary()
            case (7, .boolTrue), (7, .boolFalse): isMaxValueExact = field.boolValue
            case (8, .boolTrue), (8, .boolFalse): isMinValueExact = field.boolValue
            case (9, .i64): nanCount = try reader.readI64()
            default: try reader.skip(field.type)
            }
        }
    }

    /// Appends the struct in compact form.
    func encode(to writer: inout CompactWriter) {
        writer.beginStruct()
        if let max { writer.writeField(1, binary: max) }
        if let min { writer.writeField(2, binary: min) }
        if let nullCount { writer.writeField(3, i64: nullCount) }
        if let distinctCount { writer.writeField(4, i64: distinctCount) }
        if let maxValue { writer.writeField(5, binary: maxValue) }
        if let minValue { writer.writeField(6, binary: minValue) }
        if let isMaxValueExact { writer.writeField(7, bool: isMaxValueExact) }
        if let isMinValueExact { writer.writeField(8, bool: isMinValueExact) }
        if let nanCount { writer.writeField(9, i64: nanCount) }
        writer.endStruct()
    }
}
