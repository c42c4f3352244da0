/// A tag byte (0 for `nil`, 1 for a value), then the value.
extension Optional: ShuffleCodable where Wrapped: ShuffleCodable {
    @inlinable
    public func encode(into writer: inout RecordWriter) {
        switch self {
        case .none:
            writer.writeByte(0)
        case .some(let wrapped):
            writer.writeByte(1)
            wrapped.encode(into: &writer)
        }
    }

    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> Wrapped? {
        let offset = reader.byteOffset
        switch try reader.readByte() {
        case 0: return nil
        case 1: return try Wrapped.decode(from: &reader)
        default: throw RecordReader.invalid("Optional tag", at: offset)
        }
    }
}

/// A varint element count, then the elements. `[UInt8]` is copied as one block.
extension Array: ShuffleCodable where Element: ShuffleCodable {
    @inlinable
    public func encode(into writer: inout RecordWriter) {
        writer.writeVarUInt(UInt64(count))
        if Element.self == UInt8.self {
            self.withUnsafeBytes { writer.writeBytes($0) }
            return
        }
        for element in self { element.encode(into: &writer) }
    }

    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> [Element] {
        let count = try reader.readElementCount()
        if Element.self == UInt8.self {
            let bytes = [UInt8](try reader.readBytes(count: count))
            return unsafeBitCast(bytes, to: [Element].self)
        }
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count { elements.append(try Element.decode(from: &reader)) }
        return elements
    }
}
