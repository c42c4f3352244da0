import SluiceCore

/// Decimals stored as big-endian two's complement unscaled integers, in FIXED_LEN_BYTE_ARRAY
/// or BYTE_ARRAY columns.
extension PlainEncoding {
    /// The value of a big-endian two's complement integer of any length (0 for no bytes). Only
    /// the last 16 bytes count: callers reject precisions above 38 digits, whose values would
    /// need more, before they get here.
    static func decodeBigEndianDecimal(_ bytes: UnsafeRawBufferPointer) -> Int128 {
        guard !bytes.isEmpty else { return 0 }
        let usedBytes = bytes.count <= 16 ? bytes : UnsafeRawBufferPointer(rebasing: bytes[(bytes.count - 16)...])
        var magnitude: UInt128 = 0
        for byte in usedBytes { magnitude = magnitude << 8 | UInt128(byte) }
        // Shifting the sign bit to the top and back sign-extends.
        let unusedBitCount = 128 - usedBytes.count * 8
        return Int128(bitPattern: magnitude << UInt128(unusedBitCount)) >> Int128(unusedBitCount)
    }

    /// Decodes `count` FIXED_LEN_BYTE_ARRAY decimals of `byteWidth` (1...8) bytes into 64-bit
    /// unscaled values.
    static func decodeFixedLenDecimal64(_ bytes: UnsafeRawBufferPointer, byteWidth: Int, count: Int, appendingTo output: inout [Int64]) throws -> Int {
        guard (1...8).contains(byteWidth) else {
            throw SluiceError.data("corrupt decimal data: \(byteWidth)-byte decimals do not fit in 64 bits")
        }
        let byteCount = try fixedWidthByteCount(bytes, count: count, valueByteCount: byteWidth, typeName: "FIXED_LEN_BYTE_ARRAY")
        guard count > 0 else { return 0 }
        let base = bytes.baseAddress!
        let unusedBitCount = UInt64(64 - byteWidth * 8)
        output.appendDecoded(count: count, placeholder: 0) { target in
            var position = 0
            for index in 0..<count {
                var magnitude: UInt64 = 0
                for _ in 0..<byteWidth {
                    magnitude = magnitude &<< 8 | UInt64(base.load(fromByteOffset: position, as: UInt8.self))
                    position &+= 1
                }
                target[index] = Int64(bitPattern: magnitude &<< unusedBitCount) &>> Int64(unusedBitCount)
            }
        }
        return byteCount
    }

    /// Decodes `count` FIXED_LEN_BYTE_ARRAY decimals of `byteWidth` (1...16) bytes into 128-bit
    /// unscaled values.
    static func decodeFixedLenDecimal128(_ bytes: UnsafeRawBufferPointer, byteWidth: Int, count: Int, appendingTo output: inout [Int128]) throws -> Int {
        guard (1...16).contains(byteWidth) else {
            throw SluiceError.data("corrupt decimal data: \(byteWidth)-byte decimals do not fit in 128 bits")
        }
        let byteCount = try fixedWidthByteCount(bytes, count: count, valueByteCount: byteWidth, typeName: "FIXED_LEN_BYTE_ARRAY")
        guard count > 0 else { return 0 }
        output.appendDecoded(count: count, placeholder: 0) { target in
            for index in 0..<count {
                let start = index &* byteWidth
                target[index] = decodeBigEndianDecimal(UnsafeRawBufferPointer(rebasing: bytes[start ..< start &+ byteWidth]))
            }
        }
        return byteCount
    }

    /// Decodes `count` BYTE_ARRAY decimals (length-prefixed big-endian two's complement) into
    /// 128-bit unscaled values.
    ///
    /// - Throws: `SluiceError.data` when the page is short or a value is longer than 16 bytes.
    static func decodeByteArrayDecimal128(_ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int128]) throws -> Int {
        try checkCount(count)
        guard count <= bytes.count / 4 else { throw tooShort(bytes, count: count, typeName: "BYTE_ARRAY") }
        var cursor = EncodingCursor(bytes, encodingName: "PLAIN BYTE_ARRAY decimal")
        try output.appendDecoded(count: count, placeholder: 0) { target in
            for index in 0..<count {
                let length = Int(try cursor.readLittleEndian(byteCount: 4))
                guard length <= 16 else { throw cursor.corrupt("value \(index) is \(length) bytes, more than 16") }
                guard length <= cursor.remainingByteCount else { throw cursor.corrupt("value \(index) runs past the page end") }
                target[index] = decodeBigEndianDecimal(UnsafeRawBufferPointer(rebasing: bytes[cursor.position ..< cursor.position + length]))
                cursor.position += length
            }
        }
        return cursor.position
    }
}
