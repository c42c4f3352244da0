import SluiceCore

/// Decodes DELTA_BINARY_PACKED integers (INT32 and INT64 columns, and the lengths inside the
/// DELTA_*_BYTE_ARRAY encodings).
///
/// Layout: a header (ULEB128 block size in values, ULEB128 miniblocks per block, ULEB128 total
/// value count, zigzag first value), then blocks of the remaining values' deltas. A block is a
/// zigzag minimum delta, one bit-width byte per miniblock, then each miniblock's
/// `delta - minimum` values bit-packed. Arithmetic wraps in two's complement; INT32 values are the
/// low 32 bits of the same 64-bit computation, which gives the same result as 32-bit wrapping.
///
/// Hostile input throws `SluiceError.data` (bit widths above 64, counts past the bytes, a bad
/// header); nothing is read out of bounds. Not thread-safe; the caller keeps the bytes alive.
struct DeltaBinaryPackedDecoder {
    /// Largest block the decoder accepts; writers use 128 (parquet-java, Arrow) and the format
    /// sets no limit, so this only stops absurd headers.
    static var blockValueCountMax: Int { 1 << 20 }

    private var cursor: EncodingCursor
    let blockValueCount: Int
    let miniblocksPerBlock: Int
    let valuesPerMiniblock: Int
    /// Values in the whole stream, the first one included.
    let totalValueCount: Int
    /// Values not yet returned.
    private(set) var remainingValueCount: Int

    private var isFirstValuePending = true
    private var previousValue: UInt64
    private var minimumDelta: UInt64 = 0
    /// Offset of the current block's bit-width bytes.
    private var bitWidthsOffset = 0
    /// Index of the current miniblock in its block; the last index until the first block is read.
    private var miniblockIndex: Int
    private var miniblockBitWidth = 0
    private var miniblockDataOffset = 0
    /// Bytes of the current miniblock present in the input (the last one may be cut short).
    private var miniblockDataByteCount = 0
    /// Index of the next delta in the current miniblock; `valuesPerMiniblock` when exhausted.
    private var miniblockNextIndex: Int

    /// Reads the header.
    ///
    /// - Throws: `SluiceError.data` when the header is short or inconsistent.
    init(_ bytes: UnsafeRawBufferPointer) throws {
        var cursor = EncodingCursor(bytes, encodingName: "DELTA_BINARY_PACKED")
        let blockValueCount = try cursor.readCount("block size")
        let miniblocksPerBlock = try cursor.readCount("miniblock count")
        guard blockValueCount > 0, blockValueCount % 128 == 0, blockValueCount <= Self.blockValueCountMax else {
            throw cursor.corrupt("block size \(blockValueCount) is not a positive multiple of 128 up to \(Self.blockValueCountMax)")
        }
        guard miniblocksPerBlock > 0, blockValueCount % miniblocksPerBlock == 0,
              (blockValueCount / miniblocksPerBlock) % 32 == 0 else {
            throw cursor.corrupt("\(miniblocksPerBlock) miniblocks do not split a block of \(blockValueCount) into multiples of 32")
        }
        self.totalValueCount = try cursor.readCount("value count")
        self.previousValue = UInt64(bitPattern: try cursor.readZigZagInt64())
        self.cursor = cursor
        self.blockValueCount = blockValueCount
        self.miniblocksPerBlock = miniblocksPerBlock
        self.valuesPerMiniblock = blockValueCount / miniblocksPerBlock
        self.remainingValueCount = totalValueCount
        self.miniblockIndex = miniblocksPerBlock - 1
        self.miniblockNextIndex = valuesPerMiniblock
    }

    /// Bytes consumed so far. Once every value is decoded this is the encoded length (the last
    /// miniblock counted whole, with its padding), which is where DELTA_LENGTH_BYTE_ARRAY's
    /// concatenated bytes start.
    var consumedByteCount: Int { min(cursor.position, cursor.bytes.count) }

    /// Decodes the next `count` values as 64-bit integers, appended to `output`.
    ///
    /// - Throws: `SluiceError.data` when fewer than `count` values remain or the data is malformed.
    mutating func decodeInt64(count: Int, appendingTo output: inout [Int64]) throws {
        try checkRemaining(count)
        try output.appendDecoded(count: count, placeholder: 0) { target in
            try target.withMemoryRebound(to: UInt64.self, capacity: count) { try decodeBitPatterns(count: count, into: $0) }
        }
    }

    /// Decodes the next `count` values as 32-bit integers, appended to `output`.
    ///
    /// - Throws: `SluiceError.data` when fewer than `count` values remain or the data is malformed.
    mutating func decodeInt32(count: Int, appendingTo output: inout [Int32]) throws {
        try checkRemaining(count)
        let chunkCountMax = 1024
        try output.appendDecoded(count: count, placeholder: 0) { target in
            try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: chunkCountMax) { chunk in
                var done = 0
                while done < count {
                    let chunkCount = min(chunkCountMax, count - done)
                    try decodeBitPatterns(count: chunkCount, into: chunk.baseAddress!)
                    for index in 0..<chunkCount {
                        target[done &+ index] = Int32(truncatingIfNeeded: chunk[index])
                    }
                    done += chunkCount
                }
            }
        }
    }

    /// Decodes all values of a stream, returning the bytes it took.
    static func decodeInt64(_ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int64]) throws -> Int {
        var decoder = try DeltaBinaryPackedDecoder(bytes)
        try decoder.checkTotal(count)
        try decoder.decodeInt64(count: count, appendingTo: &output)
        return decoder.consumedByteCount
    }

    /// Decodes all values of a stream, returning the bytes it took.
    static func decodeInt32(_ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int32]) throws -> Int {
        var decoder = try DeltaBinaryPackedDecoder(bytes)
        try decoder.checkTotal(count)
        try decoder.decodeInt32(count: count, appendingTo: &output)
        return decoder.consumedByteCount
    }

    // MARK: - Decoding

    private func checkRemaining(_ count: Int) throws {
        guard count >= 0 else { throw SluiceError.internal("negative value count \(count)") }
        guard count <= remainingValueCount else {
            throw cursor.corrupt("\(count) values requested but only \(remainingValueCount) remain")
        }
    }

    private func checkTotal(_ count: Int) throws {
        guard count == totalValueCount else {
            throw cursor.corrupt("header says \(totalValueCount) values where the page has \(count)")
        }
    }

    /// Writes the next `count` values' two's complement bit patterns.
    private mutating func decodeBitPatterns(count: Int, into output: UnsafeMutablePointer<UInt64>) throws {
        var written = 0
        if count > 0 && isFirstValuePending {
            output[0] = previousValue
            isFirstValuePending = false
            written = 1
        }
        while written < count {
            if miniblockNextIndex == valuesPerMiniblock { try startNextMiniblock() }
            let takenCount = min(valuesPerMiniblock &- miniblockNextIndex, count &- written)
            guard (miniblockNextIndex &+ takenCount) &* miniblockBitWidth <= miniblockDataByteCount &* 8 else {
                throw cursor.corrupt("miniblock cut short by the end of the data")
            }
            let target = output + written
            if miniblockBitWidth > 0 {
                BitPacking.unpackRange64(cursor.bytes.baseAddress! + miniblockDataOffset, byteCount: miniblockDataByteCount,
                                         bitWidth: miniblockBitWidth, firstIndex: miniblockNextIndex, count: takenCount, into: target,
                                         readableByteCount: cursor.bytes.count - miniblockDataOffset)
            } else {
                target.update(repeating: 0, count: takenCount)
            }
            var value = previousValue
            for index in 0..<takenCount {
                value = value &+ minimumDelta &+ target[index]
                target[index] = value
            }
            previousValue = value
            miniblockNextIndex &+= takenCount
            written &+= takenCount
        }
        remainingValueCount -= count
    }

    /// Moves to the next miniblock, reading a block header when the block is used up. A
    /// miniblock's bytes are skipped whole; if the data ends inside it, only the values whose bits
    /// are present can be read.
    private mutating func startNextMiniblock() throws {
        if miniblockIndex + 1 == miniblocksPerBlock {
            minimumDelta = UInt64(bitPattern: try cursor.readZigZagInt64())
            guard miniblocksPerBlock <= cursor.remainingByteCount else { throw cursor.corrupt("block header cut short") }
            bitWidthsOffset = cursor.position
            cursor.position += miniblocksPerBlock
            miniblockIndex = 0
        } else {
            miniblockIndex += 1
        }
        let bitWidth = Int(cursor.bytes[bitWidthsOffset + miniblockIndex])
        guard bitWidth <= 64 else { throw cursor.corrupt("miniblock bit width \(bitWidth) above 64") }
        miniblockBitWidth = bitWidth
        miniblockDataOffset = cursor.position
        let fullByteCount = valuesPerMiniblock * bitWidth / 8
        miniblockDataByteCount = min(fullByteCount, cursor.remainingByteCount)
        cursor.position += miniblockDataByteCount
        miniblockNextIndex = 0
    }
}
