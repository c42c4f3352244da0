// Floating-point values travel as their exact bit patterns, so NaN payloads and -0.0 survive.
extension Double: ShuffleCodable {
    @inlinable
    public func encode(into writer: inout RecordWriter) {
        writer.writeLittleEndian(bitPattern)
    }

    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> Double {
        Double(bitPattern: try reader.readLittleEndian(UInt64.self))
    }
}

extension Float: ShuffleCodable {
    @inlinable
    public func encode(into writer: inout RecordWriter) {
        writer.writeLittleEndian(bitPattern)
    }

    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> Float {
        Float(bitPattern: try reader.readLittleEndian(UInt32.self))
    }
}

/// One byte, 0 or 1; any other byte is rejected so corruption does not pass as `true`.
extension Bool: ShuffleCodable {
    @inlinable
    public func encode(into writer: inout RecordWriter) {
        writer.writeByte(self ? 1 : 0)
    }

    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> Bool {
        let offset = reader.byteOffset
        switch try reader.readByte() {
        case 0: return false
        case 1: return true
        default: throw RecordReader.invalid("Bool byte", at: offset)
        }
    }
}
