// Integers are fixed width and little-endian: a shuffle moves mostly keys and counters whose
// sizes vary little, so the decode is one unaligned load instead of a varint loop. `Int` and `UInt`
// are always written as 8 bytes so that 32-bit and 64-bit processes agree.

extension Int: ShuffleCodable {
    @inlinable
    public func encode(into writer: inout RecordWriter) {
        writer.writeLittleEndian(Int64(self))
    }

    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> Int {
        Int(try reader.readLittleEndian(Int64.self))
    }
}

extension Int64: ShuffleCodable {
    @inlinable
    public func encode(into writer: inout RecordWriter) {
        writer.writeLittleEndian(self)
    }

    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> Int64 {
        try reader.readLittleEndian(Int64.self)
    }
}

extension Int32: ShuffleCodable {
    @inlinable
    public func encode(into writer: inout RecordWriter) {
        writer.writeLittleEndian(self)
    }

    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> Int32 {
        try reader.readLittleEndian(Int32.self)
    }
}

extension Int16: ShuffleCodable {
    @inlinable
    public func encode(into writer: inout RecordWriter) {
        writer.writeLittleEndian(self)
    }

    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> Int16 {
        try reader.readLittleEndian(Int16.self)
    }
}

extension Int8: ShuffleCodable {
    @inlinable
    public func encode(into writer: inout RecordWriter) {
        writer.writeLittleEndian(self)
    }

    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> Int8 {
        try reader.readLittleEndian(Int8.self)
    }
}

extension UInt: ShuffleCodable {
    @inlinable
    public func encode(into writer: inout RecordWriter) {
        writer.writeLittleEndian(UInt64(self))
    }

    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> UInt {
        UInt(try reader.readLittleEndian(UInt64.self))
    }
}

extension UInt64: ShuffleCodable {
    @inlinable
    public func encode(into writer: inout RecordWriter) {
        writer.writeLittleEndian(self)
    }

    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> UInt64 {
        try reader.readLittleEndian(UInt64.self)
    }
}

extension UInt32: ShuffleCodable {
    @inlinable
    public func encode(into writer: inout RecordWriter) {
        writer.writeLittleEndian(self)
    }

    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> UInt32 {
        try reader.readLittleEndian(UInt32.self)
    }
}

extension UInt16: ShuffleCodable {
    @inlinable
    public func encode(into writer: inout RecordWriter) {
        writer.writeLittleEndian(self)
    }

    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> UInt16 {
        try reader.readLittleEndian(UInt16.self)
    }
}

extension UInt8: ShuffleCodable {
    @inlinable
    public func encode(into writer: inout RecordWriter) {
        writer.writeLittleEndian(self)
    }

    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> UInt8 {
        try reader.readLittleEndian(UInt8.self)
    }
}

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
