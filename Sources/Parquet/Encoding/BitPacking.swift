/// Packs and unpacks unsigned integers of one fixed bit width, least significant bit first, as
/// the RLE/bit-packed hybrid, DELTA_BINARY_PACKED and PLAIN booleans lay them out: value `i`
/// occupies bits `i * bitWidth ..< (i + 1) * bitWidth` of the stream, bit `k` being bit `k % 8`
/// of byte `k / 8`. Eight values of width `w` fill exactly `w` bytes (a group).
///
/// These loops are the hot core of every Parquet read. Each width gets its own loop: the
/// `switch` passes a literal width into an always-inlined body, so the optimizer folds every
/// shift and mask and unrolls the eight values of a group. Pure functions; safe from any thread.
enum BitPacking {
    /// Values per group: a group of width `w` is exactly `w` bytes. (Computed, not stored, so
    /// hot loops see a constant rather than a lazily initialized global.)
    static var groupValueCount: Int { 8 }

    /// Unpacks `count` values of `bitWidth` bits from `input` into `output`.
    ///
    /// - Parameters:
    ///   - input: packed bytes starting with value 0; `count * bitWidth / 8` of them must be
    ///     readable, and no byte past them is read.
    ///   - bitWidth: 0...32.
    ///   - count: a multiple of 8.
    ///   - output: room for `count` values.
    static func unpack32(_ input: UnsafeRawPointer, bitWidth: Int, count: Int, into output: UnsafeMutablePointer<UInt32>) {
        unpack32(input, bitWidth: bitWidth, count: count, into: output, readableByteCount: (count &* bitWidth) &>> 3)
    }

    /// `unpack32` for callers that know more bytes than the packed ones are readable (the rest
    /// of a page): fewer groups then need the padded copy.
    ///
    /// - Parameter readableByteCount: bytes readable at `input`, at least `count * bitWidth / 8`.
    static func unpack32(
        _ input: UnsafeRawPointer, bitWidth: Int, count: Int, into output: UnsafeMutablePointer<UInt32>, readableByteCount: Int
    ) {
        precondition((0...32).contains(bitWidth), "bit width \(bitWidth) out of 0...32")
        precondition(count >= 0 && count & 7 == 0, "unpack count \(count) is not a multiple of 8")
        precondition(readableByteCount >= (count &* bitWidth) &>> 3, "fewer readable bytes than packed ones")
        let groupCount = count >> 3
        switch bitWidth {
        case 0: output.update(repeating: 0, count: count)
        case 1: unpackGroups32(input, groupCount: groupCount, bitWidth: 1, into: output, readableByteCount: readableByteCount)
        case 2: unpackGroups32(input, groupCount: groupCount, bitWidth: 2, into: output, readableByteCount: readableByteCount)
        case 3: unpackGroups32(input, groupCount: groupCount, bitWidth: 3, into: output, readableByteCount: readableByteCount)
        case 4: unpackGroups32(input, groupCount: groupCount, bitWidth: 4, into: output, readableByteCount: readableByteCount)
        case 5: unpackGroups32(input, groupCount: groupCount, bitWidth: 5, into: output, readableByteCount: readableByteCount)
        case 6: unpackGroups32(input, groupCount: groupCount, bitWidth: 6, into: output, readableByteCount: readableByteCount)
        case 7: unpackGroups32(input, groupCount: groupCount, bitWidth: 7, into: output, readableByteCount: readableByteCount)
        case 8: unpackGroups32(input, groupCount: groupCount, bitWidth: 8, into: output, readableByteCount: readableByteCount)
        case 9: unpackGroups32(input, groupCount: groupCount, bitWidth: 9, into: output, readableByteCount: readableByteCount)
        case 10: unpackGroups32(input, groupCount: groupCount, bitWidth: 10, into: output, readableByteCount: readableByteCount)
        case 11: unpackGroups32(input, groupCount: groupCount, bitWidth: 11, into: output, readableByteCount: readableByteCount)
        case 12: unpackGroups32(input, groupCount: groupCount, bitWidth: 12, into: output, readableByteCount: readableByteCount)
        case 13: unpackGroups32(input, groupCount: groupCount, bitWidth: 13, into: output, readableByteCount: readableByteCount)
        case 14: unpackGroups32(input, groupCount: groupCount, bitWidth: 14, into: output, readableByteCount: readableByteCount)
        case 15: unpackGroups32(input, groupCount: groupCount, bitWidth: 15, into: output, readableByteCount: readableByteCount)
        case 16: unpackGroups32(input, groupCount: groupCount, bitWidth: 16, into: output, readableByteCount: readableByteCount)
        case 17: unpackGroups32(input, groupCount: groupCount, bitWidth: 17, into: output, readableByteCount: readableByteCount)
        case 18: unpackGroups32(input, groupCount: groupCount, bitWidth: 18, into: output, readableByteCount: readableByteCount)
        case 19: unpackGroups32(input, groupCount: groupCount, bitWidth: 19, into: output, readableByteCount: readableByteCount)
        case 20: unpackGroups32(input, groupCount: groupCount, bitWidth: 20, into: output, readableByteCount: readableByteCount)
        case 21: unpackGroups32(input, groupCount: groupCount, bitWidth: 21, into: output, readableByteCount: readableByteCount)
        case 22: unpackGroups32(input, groupCount: groupCount, bitWidth: 22, into: output, readableByteCount: readableByteCount)
        case 23: unpackGroups32(input, groupCount: groupCount, bitWidth: 23, into: output, readableByteCount: readableByteCount)
        case 24: unpackGroups32(input, groupCount: groupCount, bitWidth: 24, into: output, readableByteCount: readableByteCount)
        case 25: unpackGroups32(input, groupCount: groupCount, bitWidth: 25, into: output, readableByteCount: readableByteCount)
        case 26: unpackGroups32(input, groupCount: groupCount, bitWidth: 26, into: output, readableByteCount: readableByteCount)
        case 27: unpackGroups32(input, groupCount: groupCount, bitWidth: 27, into: output, readableByteCount: readableByteCount)
        case 28: unpackGroups32(input, groupCount: groupCount, bitWidth: 28, into: output, readableByteCount: readableByteCount)
        case 29: unpackGroups32(input, groupCount: groupCount, bitWidth: 29, into: output, readableByteCount: readableByteCount)
        case 30: unpackGroups32(input, groupCount: groupCount, bitWidth: 30, into: output, readableByteCount: readableByteCount)
        case 31: unpackGroups32(input, groupCount: groupCount, bitWidth: 31, into: output, readableByteCount: readableByteCount)
        default: copyLittleEndian32(input, count: count, into: output)
        }
    }

    /// Unpacks `count` values of `bitWidth` bits from `input` into `output`.
    ///
    /// - Parameters:
    ///   - input: packed bytes starting with value 0; `count * bitWidth / 8` of them must be
    ///     readable, and no byte past them is read.
    ///   - bitWidth: 0...64.
    ///   - count: a multiple of 8.
    ///   - output: room for `count` values.
    static func unpack64(_ input: UnsafeRawPointer, bitWidth: Int, count: Int, into output: UnsafeMutablePointer<UInt64>) {
        unpack64(input, bitWidth: bitWidth, count: count, into: output, readableByteCount: (count &* bitWidth) &>> 3)
    }

    /// `unpack64` for callers that know more bytes than the packed ones are readable.
    ///
    /// - Parameter readableByteCount: bytes readable at `input`, at least `count * bitWidth / 8`.
    static func unpack64(
        _ input: UnsafeRawPointer, bitWidth: Int, count: Int, into output: UnsafeMutablePointer<UInt64>, readableByteCount: Int
    ) {
        precondition((0...64).contains(bitWidth), "bit width \(bitWidth) out of 0...64")
        precondition(count >= 0 && count & 7 == 0, "unpack count \(count) is not a multiple of 8")
        precondition(readableByteCount >= (count &* bitWidth) &>> 3, "fewer readable bytes than packed ones")
        let groupCount = count >> 3
        switch bitWidth {
        case 0: output.update(repeating: 0, count: count)
        case 1: unpackGroups64(input, groupCount: groupCount, bitWidth: 1, into: output, readableByteCount: readableByteCount)
        case 2: unpackGroups64(input, groupCount: groupCount, bitWidth: 2, into: output, readableByteCount: readableByteCount)
        case 3: unpackGroups64(input, groupCount: groupCount, bitWidth: 3, into: output, readableByteCount: readableByteCount)
        case 4: unpackGroups64(input, groupCount: groupCount, bitWidth: 4, into: output, readableByteCount: readableByteCount)
        case 5: unpackGroups64(input, groupCount: groupCount, bitWidth: 5, into: output, readableByteCount: readableByteCount)
        case 6: unpackGroups64(input, groupCount: groupCount, bitWidth: 6, into: output, readableByteCount: readableByteCount)
        case 7: unpackGroups64(input, groupCount: groupCount, bitWidth: 7, into: output, readableByteCount: readableByteCount)
        case 8: unpackGroups64(input, groupCount: groupCount, bitWidth: 8, into: output, readableByteCount: readableByteCount)
        case 9: unpackGroups64(input, groupCount: groupCount, bitWidth: 9, into: output, readableByteCount: readableByteCount)
        case 10: unpackGroups64(input, groupCount: groupCount, bitWidth: 10, into: output, readableByteCount: readableByteCount)
        case 11: unpackGroups64(input, groupCount: groupCount, bitWidth: 11, into: output, readableByteCount: readableByteCount)
        case 12: unpackGroups64(input, groupCount: groupCount, bitWidth: 12, into: output, readableByteCount: readableByteCount)
        case 13: unpackGroups64(input, groupCount: groupCount, bitWidth: 13, into: output, readableByteCount: readableByteCount)
        case 14: unpackGroups64(input, groupCount: groupCount, bitWidth: 14, into: output, readableByteCount: readableByteCount)
        case 15: unpackGroups64(input, groupCount: groupCount, bitWidth: 15, into: output, readableByteCount: readableByteCount)
        case 16: unpackGroups64(input, groupCount: groupCount, bitWidth: 16, into: output, readableByteCount: readableByteCount)
        case 17: unpackGroups64(input, groupCount: groupCount, bitWidth: 17, into: output, readableByteCount: readableByteCount)
        case 18: unpackGroups64(input, groupCount: groupCount, bitWidth: 18, into: output, readableByteCount: readableByteCount)
        case 19: unpackGroups64(input, groupCount: groupCount, bitWidth: 19, into: output, readableByteCount: readableByteCount)
        case 20: unpackGroups64(input, groupCount: groupCount, bitWidth: 20, into: output, readableByteCount: readableByteCount)
        case 21: unpackGroups64(input, groupCount: groupCount, bitWidth: 21, into: output, readableByteCount: readableByteCount)
        case 22: unpackGroups64(input, groupCount: groupCount, bitWidth: 22, into: output, readableByteCount: readableByteCount)
        case 23: unpackGroups64(input, groupCount: groupCount, bitWidth: 23, into: output, readableByteCount: readableByteCount)
        case 24: unpackGroups64(input, groupCount: groupCount, bitWidth: 24, into: output, readableByteCount: readableByteCount)
        case 25: unpackGroups64(input, groupCount: groupCount, bitWidth: 25, into: output, readableByteCount: readableByteCount)
        case 26: unpackGroups64(input, groupCount: groupCount, bitWidth: 26, into: output, readableByteCount: readableByteCount)
        case 27: unpackGroups64(input, groupCount: groupCount, bitWidth: 27, into: output, readableByteCount: readableByteCount)
        case 28: unpackGroups64(input, groupCount: groupCount, bitWidth: 28, into: output, readableByteCount: readableByteCount)
        case 29: unpackGroups64(input, groupCount: groupCount, bitWidth: 29, into: output, readableByteCount: readableByteCount)
        case 30: unpackGroups64(input, groupCount: groupCount, bitWidth: 30, into: output, readableByteCount: readableByteCount)
        case 31: unpackGroups64(input, groupCount: groupCount, bitWidth: 31, into: output, readableByteCount: readableByteCount)
        case 32: unpackGroups64(input, groupCount: groupCount, bitWidth: 32, into: output, readableByteCount: readableByteCount)
        case 33: unpackGroups64(input, groupCount: groupCount, bitWidth: 33, into: output, readableByteCount: readableByteCount)
        case 34: unpackGroups64(input, groupCount: groupCount, bitWidth: 34, into: output, readableByteCount: readableByteCount)
        case 35: unpackGroups64(input, groupCount: groupCount, bitWidth: 35, into: output, readableByteCount: readableByteCount)
        case 36: unpackGroups64(input, groupCount: groupCount, bitWidth: 36, into: output, readableByteCount: readableByteCount)
        case 37: unpackGroups64(input, groupCount: groupCount, bitWidth: 37, into: output, readableByteCount: readableByteCount)
        case 38: unpackGroups64(input, groupCount: groupCount, bitWidth: 38, into: output, readableByteCount: readableByteCount)
        case 39: unpackGroups64(input, groupCount: groupCount, bitWidth: 39, into: output, readableByteCount: readableByteCount)
        case 40: unpackGroups64(input, groupCount: groupCount, bitWidth: 40, into: output, readableByteCount: readableByteCount)
        case 41: unpackGroups64(input, groupCount: groupCount, bitWidth: 41, into: output, readableByteCount: readableByteCount)
        case 42: unpackGroups64(input, groupCount: groupCount, bitWidth: 42, into: output, readableByteCount: readableByteCount)
        case 43: unpackGroups64(input, groupCount: groupCount, bitWidth: 43, into: output, readableByteCount: readableByteCount)
        case 44: unpackGroups64(input, groupCount: groupCount, bitWidth: 44, into: output, readableByteCount: readableByteCount)
        case 45: unpackGroups64(input, groupCount: groupCount, bitWidth: 45, into: output, readableByteCount: readableByteCount)
        case 46: unpackGroups64(input, groupCount: groupCount, bitWidth: 46, into: output, readableByteCount: readableByteCount)
        case 47: unpackGroups64(input, groupCount: groupCount, bitWidth: 47, into: output, readableByteCount: readableByteCount)
        case 48: unpackGroups64(input, groupCount: groupCount, bitWidth: 48, into: output, readableByteCount: readableByteCount)
        case 49: unpackGroups64(input, groupCount: groupCount, bitWidth: 49, into: output, readableByteCount: readableByteCount)
        case 50: unpackGroups64(input, groupCount: groupCount, bitWidth: 50, into: output, readableByteCount: readableByteCount)
        case 51: unpackGroups64(input, groupCount: groupCount, bitWidth: 51, into: output, readableByteCount: readableByteCount)
        case 52: unpackGroups64(input, groupCount: groupCount, bitWidth: 52, into: output, readableByteCount: readableByteCount)
        case 53: unpackGroups64(input, groupCount: groupCount, bitWidth: 53, into: output, readableByteCount: readableByteCount)
        case 54: unpackGroups64(input, groupCount: groupCount, bitWidth: 54, into: output, readableByteCount: readableByteCount)
        case 55: unpackGroups64(input, groupCount: groupCount, bitWidth: 55, into: output, readableByteCount: readableByteCount)
        case 56: unpackGroups64(input, groupCount: groupCount, bitWidth: 56, into: output, readableByteCount: readableByteCount)
        case 57: unpackGroups64(input, groupCount: groupCount, bitWidth: 57, into: output, readableByteCount: readableByteCount)
        case 58: unpackGroups64(input, groupCount: groupCount, bitWidth: 58, into: output, readableByteCount: readableByteCount)
        case 59: unpackGroups64(input, groupCount: groupCount, bitWidth: 59, into: output, readableByteCount: readableByteCount)
        case 60: unpackGroups64(input, groupCount: groupCount, bitWidth: 60, into: output, readableByteCount: readableByteCount)
        case 61: unpackGroups64(input, groupCount: groupCount, bitWidth: 61, into: output, readableByteCount: readableByteCount)
        case 62: unpackGroups64(input, groupCount: groupCount, bitWidth: 62, into: output, readableByteCount: readableByteCount)
        case 63: unpackGroups64(input, groupCount: groupCount, bitWidth: 63, into: output, readableByteCount: readableByteCount)
        default: copyLittleEndian64(input, count: count, into: output)
        }
    }

    /// Packs `count` values into `count * bitWidth / 8` bytes appended to `output`. Bits of a
    /// value above `bitWidth` are ignored.
    ///
    /// - Parameters:
    ///   - values: `count` values.
    ///   - count: a multiple of 8.
    ///   - bitWidth: 0...32.
    static func pack32(_ values: UnsafePointer<UInt32>, count: Int, bitWidth: Int, appendingTo output: inout [UInt8]) {
        precondition((0...32).contains(bitWidth), "bit width \(bitWidth) out of 0...32")
        pack(values, count: count, bitWidth: bitWidth, appendingTo: &output)
    }

    /// Packs `count` values into `count * bitWidth / 8` bytes appended to `output`. Bits of a
    /// value above `bitWidth` are ignored.
    ///
    /// - Parameters:
    ///   - values: `count` values.
    ///   - count: a multiple of 8.
    ///   - bitWidth: 0...64.
    static func pack64(_ values: UnsafePointer<UInt64>, count: Int, bitWidth: Int, appendingTo output: inout [UInt8]) {
        precondition((0...64).contains(bitWidth), "bit width \(bitWidth) out of 0...64")
        pack(values, count: count, bitWidth: bitWidth, appendingTo: &output)
    }

    /// The fewest bits that hold `maxValue` (0 for 0).
    static func bitWidth(forMaxValue maxValue: UInt64) -> Int {
        UInt64.bitWidth - maxValue.leadingZeroBitCount
    }

    // MARK: - Unpacking loops

    /// Unpacks whole groups, straight from `input` while a group's widest load stays inside the
    /// input and from a zero-padded copy for the last few groups, so nothing past the packed
    /// bytes is ever read.
    @inline(__always)
    private static func unpackGroups32(
        _ input: UnsafeRawPointer, groupCount: Int, bitWidth: Int, into output: UnsafeMutablePointer<UInt32>, readableByteCount: Int
    ) {
        let directGroupCount = groupsReadableInPlace(groupCount: groupCount, bitWidth: bitWidth, readableByteCount: readableByteCount)
        unpackGroupsInPlace32(input, groupCount: directGroupCount, bitWidth: bitWidth, into: output)
        let tailGroupCount = groupCount &- directGroupCount
        guard tailGroupCount > 0 else { return }
        let tailByteCount = tailGroupCount &* bitWidth
        withUnsafeTemporaryAllocation(byteCount: tailByteCount &+ 8, alignment: 8) { scratch in
            let padded = scratch.baseAddress!
            padded.initializeMemory(as: UInt8.self, repeating: 0, count: tailByteCount &+ 8)
            padded.copyMemory(from: input + directGroupCount &* bitWidth, byteCount: tailByteCount)
            unpackGroupsInPlace32(UnsafeRawPointer(padded), groupCount: tailGroupCount, bitWidth: bitWidth,
                                  into: output + directGroupCount &* groupValueCount)
        }
    }

    @inline(__always)
    private static func unpackGroups64(
        _ input: UnsafeRawPointer, groupCount: Int, bitWidth: Int, into output: UnsafeMutablePointer<UInt64>, readableByteCount: Int
    ) {
        let directGroupCount = groupsReadableInPlace(groupCount: groupCount, bitWidth: bitWidth, readableByteCount: readableByteCount)
        unpackGroupsInPlace64(input, groupCount: directGroupCount, bitWidth: bitWidth, into: output)
        let tailGroupCount = groupCount &- directGroupCount
        guard tailGroupCount > 0 else { return }
        let tailByteCount = tailGroupCount &* bitWidth
        withUnsafeTemporaryAllocation(byteCount: tailByteCount &+ 8, alignment: 8) { scratch in
            let padded = scratch.baseAddress!
            padded.initializeMemory(as: UInt8.self, repeating: 0, count: tailByteCount &+ 8)
            padded.copyMemory(from: input + directGroupCount &* bitWidth, byteCount: tailByteCount)
            unpackGroupsInPlace64(UnsafeRawPointer(padded), groupCount: tailGroupCount, bitWidth: bitWidth,
                                  into: output + directGroupCount &* groupValueCount)
        }
    }

    /// How many leading groups can be unpacked with 8-byte loads without reading past
    /// `readableByteCount`: the last value of a group is loaded from byte `7 * bitWidth / 8` of
    /// the group, and the load spans 8 bytes.
    @inline(__always)
    private static func groupsReadableInPlace(groupCount: Int, bitWidth: Int, readableByteCount: Int) -> Int {
        let loadReachBytes = ((7 &* bitWidth) >> 3) &+ 8
        guard readableByteCount >= loadReachBytes else { return 0 }
        return min(groupCount, (readableByteCount &- loadReachBytes) / bitWidth &+ 1)
    }

    @inline(__always)
    private static func unpackGroupsInPlace32(_ input: UnsafeRawPointer, groupCount: Int, bitWidth: Int, into output: UnsafeMutablePointer<UInt32>) {
        let mask = UInt64.max &>> UInt64(64 &- bitWidth)
        var source = input
        var target = output
        for _ in 0..<groupCount {
            for index in 0..<groupValueCount {
                let firstBit = index &* bitWidth
                let word = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: firstBit &>> 3, as: UInt64.self))
                target[index] = UInt32(truncatingIfNeeded: (word &>> UInt64(firstBit & 7)) & mask)
            }
            source += bitWidth
            target += groupValueCount
        }
    }

    @inline(__always)
    private static func unpackGroupsInPlace64(_ input: UnsafeRawPointer, groupCount: Int, bitWidth: Int, into output: UnsafeMutablePointer<UInt64>) {
        let mask = UInt64.max &>> UInt64(64 &- bitWidth)
        var source = input
        var target = output
        for _ in 0..<groupCount {
            for index in 0..<groupValueCount {
                let firstBit = index &* bitWidth
                let byteOffset = firstBit &>> 3
                let shift = firstBit & 7
                var word = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: byteOffset, as: UInt64.self)) &>> UInt64(shift)
                // Widths above 56 can straddle nine bytes; the ninth is still inside the group.
                if shift &+ bitWidth > 64 {
                    word |= UInt64(source.load(fromByteOffset: byteOffset &+ 8, as: UInt8.self)) &<< UInt64(64 &- shift)
                }
                target[index] = word & mask
            }
            source += bitWidth
            target += groupValueCount
        }
    }

    private static func copyLittleEndian32(_ input: UnsafeRawPointer, count: Int, into output: UnsafeMutablePointer<UInt32>) {
        #if _endian(little)
        UnsafeMutableRawPointer(output).copyMemory(from: input, byteCount: count &* 4)
        #else
        for index in 0..<count {
            output[index] = UInt32(littleEndian: input.loadUnaligned(fromByteOffset: index &* 4, as: UInt32.self))
        }
        #endif
    }

    private static func copyLittleEndian64(_ input: UnsafeRawPointer, count: Int, into output: UnsafeMutablePointer<UInt64>) {
        #if _endian(little)
        UnsafeMutableRawPointer(output).copyMemory(from: input, byteCount: count &* 8)
        #else
        for index in 0..<count {
            output[index] = UInt64(littleEndian: input.loadUnaligned(fromByteOffset: index &* 8, as: UInt64.self))
        }
        #endif
    }

    // MARK: - Packing

    /// Packs through a 64-bit accumulator that is stored whole each time it fills, so every
    /// store lands inside the exactly sized output.
    private static func pack<Value: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafePointer<Value>, count: Int, bitWidth: Int, appendingTo output: inout [UInt8]
    ) {
        precondition(count >= 0 && count & 7 == 0, "pack count \(count) is not a multiple of 8")
        let byteCount = (count &* bitWidth) &>> 3
        guard byteCount > 0 else { return }
        let mask = UInt64.max &>> UInt64(64 &- bitWidth)
        let startIndex = output.count
        output.append(contentsOf: repeatElement(0, count: byteCount))
        output.withUnsafeMutableBytes { buffer in
            var cursor = buffer.baseAddress! + startIndex
            var accumulator: UInt64 = 0
            var accumulatedBitCount = 0
            for index in 0..<count {
                let value = UInt64(truncatingIfNeeded: values[index]) & mask
                accumulator |= value &<< UInt64(accumulatedBitCount)
                accumulatedBitCount &+= bitWidth
                if accumulatedBitCount >= 64 {
                    cursor.storeBytes(of: accumulator.littleEndian, as: UInt64.self)
                    cursor += 8
                    accumulatedBitCount &-= 64
                    accumulator = accumulatedBitCount > 0 ? value &>> UInt64(bitWidth &- accumulatedBitCount) : 0
                }
            }
            // A multiple of 8 values leaves whole bytes behind.
            for byteIndex in 0..<(accumulatedBitCount &>> 3) {
                cursor.storeBytes(of: UInt8(truncatingIfNeeded: accumulator &>> UInt64(byteIndex &* 8)), toByteOffset: byteIndex, as: UInt8.self)
            }
        }
    }
}
