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
    private enum Run {
        case none
        case repeated(UInt32)
        /// `dataOffset` is where the run's packed bytes start, `dataByteCount` how many of them
        /// are present, `nextIndex` the run-relative index of the next value.
        case bitPacked(dataOffset: Int, dataByteCount: Int, nextIndex: Int)
    }

    private var cursor: EncodingCursor
    let bitWidth: Int
    private var run: Run = .none
    /// Values left in the current run.
    private var runRemainingCount = 0

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
            switch run {
            case .none:
                break
            case .repeated(let value):
                (output + written).update(repeating: value, count: takenCount)
            case .bitPacked(let dataOffset, let dataByteCount, let nextIndex):
                BitPacking.unpackRange32(cursor.bytes.baseAddress! + dataOffset, byteCount: dataByteCount, bitWidth: bitWidth,
                                         firstIndex: nextIndex, count: takenCount, into: output + written)
                run = .bitPacked(dataOffset: dataOffset, dataByteCount: dataByteCount, nextIndex: nextIndex &+ takenCount)
            }
            runRemainingCount &-= takenCount
            written &+= takenCount
        }
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
            switch run {
            case .none:
                break
            case .repeated(let level):
                guard level <= maxLevel else { throw cursor.corrupt("level \(level) above the maximum \(maxLevel)") }
                let isValid = level == maxLevel
                ValidityBitmap.setRange(rowOffset + written ..< rowOffset + written + takenCount, valid: isValid, in: words)
                if isValid { validCount &+= takenCount }
            case .bitPacked(let dataOffset, let dataByteCount, let nextIndex):
                let data = UnsafeRawBufferPointer(rebasing: cursor.bytes[dataOffset ..< dataOffset + dataByteCount])
                if bitWidth == 1 && maxLevel == 1 {
                    // Width-1 levels with maximum 1 are already validity bits in the right order.
                    validCount &+= ValidityBitmap.copyBits(from: data, bitOffset: nextIndex, count: takenCount,
                                                           toBit: rowOffset + written, in: words)
                } else {
                    validCount &+= try unpackLevelsAsBits(data, firstIndex: nextIndex, count: takenCount, maxLevel: maxLevel,
                                                          into: words, startingAt: rowOffset + written)
                }
                run = .bitPacked(dataOffset: dataOffset, dataByteCount: dataByteCount, nextIndex: nextIndex &+ takenCount)
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
        guard !cursor.isAtEnd else { throw cursor.corrupt("runs end before the expected number of values") }
        let header = try cursor.readULEB128(bitCountMax: 32)
        if header & 1 == 1 {
            let groupCount = Int(header >> 1)
            let declaredByteCount = groupCount &* bitWidth
            let dataOffset = cursor.position
            let presentByteCount = min(declaredByteCount, cursor.remainingByteCount)
            // A truncated last run still yields the values whose bits are all present.
            runRemainingCount = presentByteCount == declaredByteCount
                ? groupCount &* BitPacking.groupValueCount
                : presentByteCount &* 8 / bitWidth
            cursor.position &+= presentByteCount
            run = .bitPacked(dataOffset: dataOffset, dataByteCount: presentByteCount, nextIndex: 0)
        } else {
            let value = try cursor.readLittleEndian(byteCount: (bitWidth &+ 7) &>> 3)
            guard value >> UInt64(bitWidth) == 0 else {
                throw cursor.corrupt("repeated value \(value) wider than \(bitWidth) bits")
            }
            runRemainingCount = Int(header >> 1)
            run = .repeated(UInt32(truncatingIfNeeded: value))
        }
    }
}
