extension BitPacking {
    /// Unpacks values `firstIndex ..< firstIndex + count` of a packed run that need not start or
    /// end on a group boundary: single values up to the first boundary, whole groups through the
    /// fast path, single values after the last whole group.
    ///
    /// - Parameters:
    ///   - input: the run's packed bytes (value 0 at bit 0).
    ///   - byteCount: the run's bytes at `input`; the requested values must lie inside them.
    ///   - bitWidth: 0...32.
    ///   - readableByteCount: bytes that may be read at `input` (at least `byteCount`); more
    ///     than the run's own bytes lets short runs skip the padded copy. Defaults to `byteCount`.
    static func unpackRange32(
        _ input: UnsafeRawPointer, byteCount: Int, bitWidth: Int,
        firstIndex: Int, count: Int, into output: UnsafeMutablePointer<UInt32>, readableByteCount: Int? = nil
    ) {
        let readableByteCount = readableByteCount ?? byteCount
        precondition((firstIndex &+ count) &* bitWidth <= byteCount &* 8, "bit-packed range past its bytes")
        var index = firstIndex
        var written = 0
        while written < count && index & 7 != 0 {
            output[written] = UInt32(truncatingIfNeeded: extractValue(input, bitWidth: bitWidth, index: index))
            index &+= 1
            written &+= 1
        }
        let groupedCount = (count &- written) & ~7
        if groupedCount > 0 {
            let groupOffset = (index &>> 3) &* bitWidth
            unpack32(input + groupOffset, bitWidth: bitWidth, count: groupedCount, into: output + written,
                     readableByteCount: readableByteCount &- groupOffset)
            index &+= groupedCount
            written &+= groupedCount
        }
        while written < count {
            output[written] = UInt32(truncatingIfNeeded: extractValue(input, bitWidth: bitWidth, index: index))
            index &+= 1
            written &+= 1
        }
    }

    /// The 64-bit counterpart of `unpackRange32`; `bitWidth` is 0...64.
    static func unpackRange64(
        _ input: UnsafeRawPointer, byteCount: Int, bitWidth: Int,
        firstIndex: Int, count: Int, into output: UnsafeMutablePointer<UInt64>, readableByteCount: Int? = nil
    ) {
        let readableByteCount = readableByteCount ?? byteCount
        precondition((firstIndex &+ count) &* bitWidth <= byteCount &* 8, "bit-packed range past its bytes")
        var index = firstIndex
        var written = 0
        while written < count && index & 7 != 0 {
            output[written] = extractValue(input, bitWidth: bitWidth, index: index)
            index &+= 1
            written &+= 1
        }
        let groupedCount = (count &- written) & ~7
        if groupedCount > 0 {
            let groupOffset = (index &>> 3) &* bitWidth
            unpack64(input + groupOffset, bitWidth: bitWidth, count: groupedCount, into: output + written,
                     readableByteCount: readableByteCount &- groupOffset)
            index &+= groupedCount
            written &+= groupedCount
        }
        while written < count {
            output[written] = extractValue(input, bitWidth: bitWidth, index: index)
            index &+= 1
            written &+= 1
        }
    }

    /// Value `index` of a packed stream, read a byte at a time so that only the bytes holding
    /// its bits are touched. For the few values around group boundaries, not for bulk work.
    static func extractValue(_ input: UnsafeRawPointer, bitWidth: Int, index: Int) -> UInt64 {
        var result: UInt64 = 0
        var producedBitCount = 0
        var bit = index &* bitWidth
        while producedBitCount < bitWidth {
            let byte = UInt64(input.load(fromByteOffset: bit &>> 3, as: UInt8.self))
            let bitInByte = bit & 7
            let takenBitCount = min(8 &- bitInByte, bitWidth &- producedBitCount)
            let chunk = (byte &>> UInt64(bitInByte)) & ((1 &<< UInt64(takenBitCount)) &- 1)
            result |= chunk &<< UInt64(producedBitCount)
            producedBitCount &+= takenBitCount
            bit &+= takenBitCount
        }
        return result
    }
}
