import SluiceCore

/// The shuffle encoding of one `Value`: a tag byte naming the kind, then the payload. Integers are
/// zigzag varints (small magnitudes take one or two bytes), doubles their 8 bit-pattern bytes,
/// text and bytes a varint length then the bytes, decimals a varint scale then 16 bytes.
@usableFromInline
enum RowValueEncoding {
    @usableFromInline static let nullTag: UInt8 = 0
    @usableFromInline static let falseTag: UInt8 = 1
    @usableFromInline static let trueTag: UInt8 = 2
    @usableFromInline static let int32Tag: UInt8 = 3
    @usableFromInline static let int64Tag: UInt8 = 4
    @usableFromInline static let float64Tag: UInt8 = 5
    @usableFromInline static let stringTag: UInt8 = 6
    @usableFromInline static let binaryTag: UInt8 = 7
    @usableFromInline static let dateTag: UInt8 = 8
    @usableFromInline static let timestampTag: UInt8 = 9
    @usableFromInline static let decimalTag: UInt8 = 10

    @inlinable
    static func encode(_ value: Value, into writer: inout RecordWriter) {
        switch value {
        case .null: writer.writeByte(nullTag)
        case .boolean(let flag): writer.writeByte(flag ? trueTag : falseTag)
        case .int32(let number):
            writer.writeByte(int32Tag)
            writeZigZag(Int64(number), into: &writer)
        case .int64(let number):
            writer.writeByte(int64Tag)
            writeZigZag(number, into: &writer)
        case .float64(let number):
            writer.writeByte(float64Tag)
            writer.writeLittleEndian(number.bitPattern)
        case .string(let text):
            writer.writeByte(stringTag)
            text.encode(into: &writer)
        case .binary(let bytes):
            writer.writeByte(binaryTag)
            bytes.withUnsafeBytes { writer.writeLengthPrefixedBytes($0) }
        case .date(let days):
            writer.writeByte(dateTag)
            writeZigZag(Int64(days), into: &writer)
        case .timestamp(let micros):
            writer.writeByte(timestampTag)
            writeZigZag(micros, into: &writer)
        case .decimal(let unscaled, let scale):
            writer.writeByte(decimalTag)
            writer.writeVarUInt(UInt64(scale))
            writer.writeLittleEndian(UInt64(truncatingIfNeeded: unscaled))
            writer.writeLittleEndian(UInt64(truncatingIfNeeded: unscaled >> 64))
        }
    }

    @inlinable
    static func decode(from reader: inout RecordReader) throws(SluiceError) -> Value {
        let offset = reader.byteOffset
        switch try reader.readByte() {
        case nullTag: return .null
        case falseTag: return .boolean(false)
        case trueTag: return .boolean(true)
        case int32Tag:
            guard let number = Int32(exactly: try readZigZag(&reader)) else { throw invalid("INT32 value", offset) }
            return .int32(number)
        case int64Tag: return .int64(try readZigZag(&reader))
        case float64Tag: return .float64(Double(bitPattern: try reader.readLittleEndian(UInt64.self)))
        case stringTag: return .string(try String.decode(from: &reader))
        case binaryTag:
            let count = try reader.readByteCount()
            return .binary([UInt8](try reader.readBytes(count: count)))
        case dateTag:
            guard let days = Int32(exactly: try readZigZag(&reader)) else { throw invalid("DATE value", offset) }
            return .date(days)
        case timestampTag: return .timestamp(try readZigZag(&reader))
        case decimalTag:
            let scale = try reader.readVarUInt()
            guard scale <= UInt64(DataType.decimalPrecisionMax) else { throw invalid("decimal scale", offset) }
            let low = try reader.readLittleEndian(UInt64.self)
            let high = try reader.readLittleEndian(UInt64.self)
            return .decimal(Int128(Int64(bitPattern: high)) << 64 | Int128(low), scale: Int(scale))
        default:
            throw invalid("value tag", offset)
        }
    }

    @inlinable
    static func writeZigZag(_ number: Int64, into writer: inout RecordWriter) {
        writer.writeVarUInt(UInt64(bitPattern: (number << 1) ^ (number >> 63)))
    }

    @inlinable
    static func readZigZag(_ reader: inout RecordReader) throws(SluiceError) -> Int64 {
        let raw = try reader.readVarUInt()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    @usableFromInline
    static func invalid(_ what: String, _ offset: Int) -> SluiceError {
        .data("invalid \(what) in a shuffled row at byte \(offset)", at: SourceLocation(byteOffset: offset))
    }
}
