extension Double: SortKeyEncodable {
    /// IEEE 754 total order as unsigned bits: negative values invert every bit (larger magnitude
    /// sorts first), others set the sign bit so they sort after all negatives.
    @inlinable
    public func encodeSortKey(into writer: inout RecordWriter) {
        let canonical: Double = isNaN ? .nan : (self == 0 ? 0 : self)
        let bits = canonical.bitPattern
        let signBit: UInt64 = 1 << 63
        writer.writeBigEndian(bits & signBit != 0 ? ~bits : bits | signBit)
    }
}

extension Float: SortKeyEncodable {
    /// The same total-order mapping as `Double`, on 32 bits.
    @inlinable
    public func encodeSortKey(into writer: inout RecordWriter) {
        let canonical: Float = isNaN ? .nan : (self == 0 ? 0 : self)
        let bits = canonical.bitPattern
        let signBit: UInt32 = 1 << 31
        writer.writeBigEndian(bits & signBit != 0 ? ~bits : bits | signBit)
    }
}

extension Bool: SortKeyEncodable {
    @inlinable
    public func encodeSortKey(into writer: inout RecordWriter) {
        writer.writeByte(self ? 1 : 0)
    }
}

extension String: SortKeyEncodable {
    @inlinable
    public func encodeSortKey(into writer: inout RecordWriter) {
        withUTF8Bytes { writer.writeEscapedSortKeyBytes($0) }
    }
}

extension Substring: SortKeyEncodable {
    @inlinable
    public func encodeSortKey(into writer: inout RecordWriter) {
        withUTF8Bytes { writer.writeEscapedSortKeyBytes($0) }
    }
}

extension Optional: SortKeyEncodable where Wrapped: SortKeyEncodable {
    @inlinable
    public func encodeSortKey(into writer: inout RecordWriter) {
        switch self {
        case .none:
            writer.writeByte(0)
        case .some(let wrapped):
            writer.writeByte(1)
            wrapped.encodeSortKey(into: &writer)
        }
    }
}

extension Array: SortKeyEncodable where Element: SortKeyEncodable {
    /// Each element follows a 1 byte and the end is a 0 byte, so a prefix sorts first.
    @inlinable
    public func encodeSortKey(into writer: inout RecordWriter) {
        for element in self {
            writer.writeByte(1)
            element.encodeSortKey(into: &writer)
        }
        writer.writeByte(0)
    }
}

extension RecordWriter {
    /// Appends bytes with every 0x00 written as 0x00 0xFF, then the terminator 0x00 0x00. The
    /// terminator sorts before any continuation (a byte above 0x00, or an escaped 0x00 0xFF), so a
    /// string sorts before its extensions, and the bytes after it belong to the next field.
    @inlinable
    public mutating func writeEscapedSortKeyBytes(_ bytes: UnsafeRawBufferPointer) {
        var runStart = 0
        for index in bytes.indices where bytes[index] == 0 {
            writeBytes(UnsafeRawBufferPointer(rebasing: bytes[runStart..<index]))
            writeByte(0)
            writeByte(0xFF)
            runStart = index + 1
        }
        writeBytes(UnsafeRawBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        writeByte(0)
        writeByte(0)
    }
}
