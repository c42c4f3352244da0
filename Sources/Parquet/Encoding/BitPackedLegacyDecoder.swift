import SluiceCore

/// Decodes the deprecated BIT_PACKED level encoding: values packed back to back from the most
/// significant bit of each byte down, with no header and no length prefix (the section is
/// `ceil(count * bitWidth / 8)` bytes). Old writers used it for repetition and definition levels
/// only. Pure functions; safe from any thread.
enum BitPackedLegacyDecoder {
    /// Decodes `count` values of `bitWidth` bits.
    ///
    /// - Returns: the bytes the values occupy, so the caller can find the next section.
    /// - Throws: `SluiceError.data` when the bit width is above 32 or the bytes are too few.
    @discardableResult
    static func decode(_ bytes: UnsafeRawBufferPointer, bitWidth: Int, count: Int, into output: UnsafeMutablePointer<UInt32>) throws -> Int {
        let cursor = EncodingCursor(bytes, encodingName: "BIT_PACKED")
        guard (0...32).contains(bitWidth) else { throw cursor.corrupt("bit width \(bitWidth) out of 0...32") }
        guard count >= 0, count <= (bytes.count * 8) / max(bitWidth, 1) || bitWidth == 0 else {
            throw cursor.corrupt("\(count) values of \(bitWidth) bits need more than \(bytes.count) bytes")
        }
        let byteCount = (count * bitWidth + 7) >> 3
        var bit = 0
        for index in 0..<count {
            var value: UInt32 = 0
            var neededBitCount = bitWidth
            while neededBitCount > 0 {
                let byte = UInt32(bytes[bit >> 3])
                let availableBitCount = 8 - (bit & 7)
                let takenBitCount = min(availableBitCount, neededBitCount)
                let chunk = (byte >> UInt32(availableBitCount - takenBitCount)) & ((1 << UInt32(takenBitCount)) - 1)
                value = value << UInt32(takenBitCount) | chunk
                neededBitCount -= takenBitCount
                bit += takenBitCount
            }
            output[index] = value
        }
        return byteCount
    }
}
