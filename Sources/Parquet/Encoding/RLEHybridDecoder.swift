import SluiceCore

/// Decodes the RLE/bit-packed hybrid encoding (levels, dictionary indices, RLE booleans): a
/// sequence of runs, each either one value repeated (`ULEB128(count << 1)` then the value in
/// `ceil(bitWidth / 8)` little-endian bytes) or groups of 8 bit-packed values
/// (`ULEB128(groupCount << 1 | 1)` then `groupCount * bitWidth` bytes).
///
/// The decoder reads the bytes without a length prefix (the caller strips the 4-byte prefix of
/// V1 levels) and keeps its place between calls, so a page can be decoded in several slices.
/// It never reads outside the bytes and always makes progress, whatever the input: malformed
/// data throws `SluiceError.data`. Not thread-safe; the caller keeps the bytes alive.
struct RLEHybridDecoder {
    private var cursor: EncodingCursor
    let bitWidth: Int
    /// Values left in the current run.
    private var runRemainingCount = 0
    private var isBitPackedRun = false
    private var repeatedValue: UInt32 = 0
    /// Where the current bit-packed run's bytes start and how many of them are present.
    private var bitPackedDataOffset = 0
    private var bitPackedByteCount = 0
    /// Run-relative index of the current bit-packed run's next value.
    private var bitPackedNextIndex = 0

    /// - Parameters:
    ///   - bytes: the encoded runs; the caller keeps this memory alive while decoding.
    ///   - bitWidth: bits per value, 0...32 (checked when decoding, so hostile widths throw).
    init(_ bytes: UnsafeRawBufferPointer, bitWidth: Int) {
        self.cursor = EncodingCursor(bytes, encodingName: "RLE/bit-packed")
        self.bitWidth = bitWidth
    }

    /// Offset of the first byte not yet consumed by a run header or run body.
    var consumedByteCount: Int { cursor.position }

    /// Decodes exactly the next `count` values into `output`.
    ///
    /// - Throws: `SluiceError.data` when the runs end before `count` values or are malformed.
    mutating func decode(count: Int, into output: UnsafeMutablePointer<UInt32>) throws {
        try checkBitWidth()
        var written = 0
        while written < count {
            if runRemainingCount == 0 { try readRunHeader() }
            let takenCount = min(runRemainingCount, count &- written)
            if isBitPackedRun {
                unpackBitPacked(count: takenCount, into: output + written)
            } else {
                (output + written).update(repeating: repeatedValue, count: takenCount)
            }
            runRemainingCount &-= takenCount
            written &+= takenCount
        }
    }

    /// Unpacks the next `count` values of the current bit-packed run. Reads may run past the run
    /// into the rest of the bytes, which spares short runs the padded copy.
    @inline(__always)
    private mutating func unpackBitPacked(count: Int, into output: UnsafeMutablePointer<UInt32>) {
        BitPacking.unpackRange32(cursor.bytes.baseAddress! + bitPackedDataOffset, byteCount: bitPackedByteCount, bitWidth: bitWidth,
                                 firstIndex: bitPackedNextIndex, count: count, into: output,
                                 readableByteCount: cursor.bytes.count &- bitPackedDataOffset)
        bitPackedNextIndex &+= count
    }

    /// Decodes the next `count` definition levels of a flat column straight into validity bits:
    /// row `rowOffset + i` becomes valid when level `i` equals `maxLevel`, null otherwise. The
    /// bitmap grows when it has fewer than `rowOffset + count` rows.
    ///
    /// - Returns: how many of the levels equal `maxLevel` (the non-null values in the page).
    /// - Throws: `SluiceError.data` when the runs end early, are malformed, or hold a level above
    ///   `maxLevel`.
    mutating func decodeLevels(count: Int, maxLevel: UInt32, into validity: inout ValidityBitmap, startingAt rowOffset: Int) throws -> Int {
        try checkBitWidth()
        precondition(rowOffset >= 0 && count >= 0, "negative row offset or level count")
        if validity.count < rowOffset + count { validity.extend(toCount: rowOffset + count) }
        return try validity.withUnsafeMutableWords { words in
            try decodeLevels(count: count, maxLevel: maxLevel, into: words, startingAt: rowOffset)
        }
    }

    private mutating func decodeLevels(
        count: Int, maxLevel: UInt32, into words: UnsafeMutableBufferPointer<UInt64>, startingAt rowOffset: Int
    ) throws -> Int {
        var validCount = 0
        var written = 0
        while written < count {
            if runRemainingCount == 0 { try readRunHeader() }
            let takenCount = min(runRemainingCount, count &- written)
            if isBitPackedRun {
                let data = UnsafeRawBufferPointer(rebasing: cursor.bytes[bitPackedDataOffset ..< bitPackedDataOffset + bitPackedByteCount])
                if bitWidth == 1 && maxLevel == 1 {
                    // Width-1 levels with maximum 1 are already validity bits in the right order.
                    validCount &+= ValidityBitmap.copyBits(from: data, bitOffset: bitPackedNextIndex, count: takenCount,
                                                           toBit: rowOffset + written, in: words)
                } else {
                    validCount &+= try unpackLevelsAsBits(data, firstIndex: bitPackedNextIndex, count: takenCount, maxLevel: maxLevel,
                                                          into: words, startingAt: rowOffset + written)
                }
                bitPackedNextIndex &+= takenCount
            } else {
                let level = repeatedValue
                guard level <= maxLevel else { throw cursor.corrupt("level \(level) above the maximum \(maxLevel)") }
                let isValid = level == maxLevel
                ValidityBitmap.setRange(rowOffset + written ..< rowOffset + written + takenCount, valid: isValid, in: words)
                if isValid { validCount &+= takenCount }
            }
            runRemainingCount &-= takenCount
            written &+= takenCount
        }
        return validCount
    }

    /// The general case of bit-packed levels: unpack a chunk, turn it into validity bits, and copy
    /// those bits into place.
    private func unpackLevelsAsBits(
        _ data: UnsafeRawBufferPointer, firstIndex: Int, count: Int, maxLevel: UInt32,
        into words: UnsafeMutableBufferPointer<UInt64>, startingAt firstRow: Int
    ) throws -> Int {
        let chunkCountMax = 512
        return try withUnsafeTemporaryAllocation(of: UInt32.self, capacity: chunkCountMax) { levels in
            try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: chunkCountMax / 64) { bits in
                var validCount = 0
                var done = 0
                while done < count {
                    let chunkCount = min(chunkCountMax, count - done)
                    BitPacking.unpackRange32(data.baseAddress!, byteCount: data.count, bitWidth: bitWidth,
                                             firstIndex: firstIndex + done, count: chunkCount, into: levels.baseAddress!)
                    bits.update(repeating: 0)
                    var levelMaxSeen: UInt32 = 0
                    for index in 0..<chunkCount {
                        let level = levels[index]
                        levelMaxSeen = max(levelMaxSeen, level)
                        bits[index >> 6] |= UInt64(level == maxLevel ? 1 : 0) << UInt64(index & 63)
                    }
                    guard levelMaxSeen <= maxLevel else {
                        throw cursor.corrupt("level \(levelMaxSeen) above the maximum \(maxLevel)")
                    }
                    validCount += ValidityBitmap.copyBits(from: UnsafeRawBufferPointer(bits), bitOffset: 0, count: chunkCount,
                                                          toBit: firstRow + done, in: words)
                    done += chunkCount
                }
                return validCount
            }
        }
    }

    private func checkBitWidth() throws {
        guard (0...32).contains(bitWidth) else { throw cursor.corrupt("bit width \(bitWidth) out of 0...32") }
    }

    /// Reads the next run header (and an RLE run's value). Every header consumes at least one
    /// byte, so runs of zero values cannot stall the decoder; being harmless, they are skipped
    /// rather than rejected.
    private mutating func readRunHeader() throws {
        guard cursor.position < cursor.bytes.count else { throw cursor.corrupt("runs end before the expected number of values") }
        // Headers of runs up to 63 values or 63 groups fit in one byte: the common case.
        let firstByte = cursor.bytes[cursor.position]
        let header: UInt64
        if firstByte < 0x80 {
            header = UInt64(firstByte)
            cursor.position &+= 1
        } else {
            header = try cursor.readULEB128(bitCountMax: 32)
        }
        if header & 1 == 1 {
            let groupCount = Int(header &>> 1)
            let declaredByteCount = groupCount &* bitWidth
            let presentByteCount = min(declaredByteCount, cursor.bytes.count &- cursor.position)
            // A truncated last run still yields the values whose bits are all present.
            runRemainingCount = presentByteCount == declaredByteCount
                ? groupCount &* BitPacking.groupValueCount
                : presentByteCount &* 8 / bitWidth
            isBitPackedRun = true
            bitPackedDataOffset = cursor.position
            bitPackedByteCount = presentByteCount
            bitPackedNextIndex = 0
            cursor.position &+= presentByteCount
        } else {
            let value = try cursor.readLittleEndian(byteCount: (bitWidth &+ 7) &>> 3)
            guard value &>> UInt64(bitWidth) == 0 else {
                throw cursor.corrupt("repeated value \(value) wider than \(bitWidth) bits")
            }
            runRemainingCount = Int(header &>> 1)
            isBitPackedRun = false
            repeatedValue = UInt32(truncatingIfNeeded: value)
        }
    }
}
