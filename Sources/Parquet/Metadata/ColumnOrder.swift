/// How min/max statistics of a leaf column are ordered (Thrift union `ColumnOrder`).
public enum ColumnOrder: Sendable, Hashable {
    /// The order the column's logical or physical type defines (TYPE_ORDER).
    case typeDefinedOrder
    /// An order newer than Sluice; statistics under it must not be used for pruning.
    case unknown

    /// Decodes the union at the reader's position; any member other than TYPE_ORDER, and an
    /// empty union, is `unknown`.
    /// - Throws: `SluiceError.data` on malformed bytes.
    init(decoding reader: inout CompactReader) throws {
        var order = ColumnOrder.unknown
        var previousFieldID: Int16 = 0
        while let field = try reader.readFieldHeader(previousFieldID: &previousFieldID) {
            if field.id == 1 && field.type == .struct { order = .typeDefinedOrder }
            try reader.skip(field.type)
        }
        self = order
    }

    /// Appends the union in compact form; `unknown` is written as an empty union, which readers
    /// treat as an undefined order.
    func encode(to writer: inout CompactWriter) {
        writer.beginStruct()
        if self == .typeDefinedOrder { writer.writeEmptyStructField(1) }
        writer.endStruct()
    }
}
