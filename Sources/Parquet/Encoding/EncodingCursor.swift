import SluiceCore

/// A bounds-checked reader over one encoded section of a page: every read stays inside the bytes
/// or throws `SluiceError.data`, so hostile input can neither read out of bounds nor trap.
struct EncodingCursor {
    let bytes: UnsafeRawBufferPointer
    /// Offset of the next unread byte.
    var position: Int
    /// Names the encoding in error messages ("RLE/bit-packed", "DELTA_BINARY_PACKED", ...).
    let encodingName: StaticString

    init(_ bytes: UnsafeRawBufferPointer, encodingName: StaticString, position: Int = 0) {
        self.bytes = bytes
        self.position = position
        self.encodingName = encodingName
    }

    @inline(__always)
    var remainingByteCount: Int { bytes.count &- position }

    @inline(__always)
    var isAtEnd: Bool { position >= bytes.count }

    /// The error for malformed input, worded the same by every decoder.
    func corrupt(_ reason: String) -> SluiceError {
        SluiceError.data("corrupt \(encodingName) data: \(reason)", at: SourceLocation(byteOffset: position))
    }

    mutating func readByte() throws -> UInt8 {
        guard position < bytes.count else { throw corrupt("ends early") }
        let byte = bytes[position]
        position &+= 1
        return byte
    }

    /// An unsigned LEB128 integer of at most `bitCountMax` significant bits.
    mutating func readULEB128(bitCountMax: Int = 64) throws -> UInt64 {
        var result: UInt64 = 0
        var shift = 0
        while true {
            let byte = try readByte()
            let payload = UInt64(byte & 0x7F)
            if payload != 0 {
                guard shift < bitCountMax, payload >> UInt64(bitCountMax - shift) == 0 else {
                    throw corrupt("varint longer than \(bitCountMax) bits")
                }
                result |= payload << UInt64(shift)
            }
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// A zigzag-encoded signed LEB128 integer of at most 64 bits.
    mutating func readZigZagInt64() throws -> Int64 {
        let raw = try readULEB128()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// Reads a ULEB128 count that must fit in `Int`.
    mutating func readCount(_ what: String) throws -> Int {
        let raw = try readULEB128()
        guard let count = Int(exactly: raw) else { throw corrupt("\(what) \(raw) out of range") }
        return count
    }

    /// A little-endian unsigned integer of `byteCount` (0...8) bytes.
    mutating func readLittleEndian(byteCount: Int) throws -> UInt64 {
        guard byteCount <= remainingByteCount else { throw corrupt("ends early") }
        var result: UInt64 = 0
        for index in 0..<byteCount {
            result |= UInt64(bytes[position &+ index]) << UInt64(index &* 8)
        }
        position &+= byteCount
        return result
    }
}
