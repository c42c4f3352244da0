/// Encodes INT32 or INT64 values as DELTA_BINARY_PACKED (see `DeltaBinaryPackedDecoder` for the
/// layout). Deltas wrap in the value's own width, so INT32 streams never need more than 32 bits
/// per delta, which readers that decode INT32 in 32-bit arithmetic require.
///
/// Blocks are encoded as they fill; the header, which needs the total count, is put in front
/// by `finish()`. Not thread-safe; a value type, cheap to create per page.
struct DeltaBinaryPackedEncoder<Value: FixedWidthInteger & SignedInteger> {
    let blockValueCount: Int
    let miniblocksPerBlock: Int
    private var valuesPerMiniblock: Int { blockValueCount / miniblocksPerBlock }

    private var firstValue: Value = 0
    private var previousValue: Value = 0
    private var valueCount = 0
    private var blockDeltas: [Value] = []
    private var encodedBlocks: [UInt8] = []
    /// Scratch for one miniblock's packed values.
    private var miniblockValues: [UInt64] = []

    /// - Parameters:
    ///   - blockValueCount: a positive multiple of 128 (128 is what parquet-java and Arrow write).
    ///   - miniblocksPerBlock: splits a block into miniblocks of a multiple of 32 values.
    init(blockValueCount: Int = 128, miniblocksPerBlock: Int = 4) {
        precondition(blockValueCount > 0 && blockValueCount % 128 == 0, "block size must be a positive multiple of 128")
        precondition(miniblocksPerBlock > 0 && blockValueCount % miniblocksPerBlock == 0
                     && (blockValueCount / miniblocksPerBlock) % 32 == 0, "miniblocks must hold a multiple of 32 values")
        self.blockValueCount = blockValueCount
        self.miniblocksPerBlock = miniblocksPerBlock
        blockDeltas.reserveCapacity(blockValueCount)
    }

    mutating func append(_ value: Value) {
        if valueCount == 0 {
            firstValue = value
        } else {
            blockDeltas.append(value &- previousValue)
            if blockDeltas.count == blockValueCount { writeBlock() }
        }
        previousValue = value
        valueCount += 1
    }

    mutating func append<Values: Sequence<Value>>(contentsOf values: Values) {
        for value in values { append(value) }
    }

    /// The encoded stream; the encoder is empty again afterwards.
    mutating func finish() -> [UInt8] {
        if !blockDeltas.isEmpty { writeBlock() }
        var output: [UInt8] = []
        output.reserveCapacity(encodedBlocks.count + 16)
        EncodingVarInt.appendULEB128(UInt64(blockValueCount), to: &output)
        EncodingVarInt.appendULEB128(UInt64(miniblocksPerBlock), to: &output)
        EncodingVarInt.appendULEB128(UInt64(valueCount), to: &output)
        EncodingVarInt.appendZigZag(Int64(firstValue), to: &output)
        output.append(contentsOf: encodedBlocks)
        self = DeltaBinaryPackedEncoder(blockValueCount: blockValueCount, miniblocksPerBlock: miniblocksPerBlock)
        return output
    }

    /// Writes the buffered deltas as one block. Miniblocks past the last delta keep their
    /// bit-width byte (0) but no data; the last used one is padded with zeros to full size.
    private mutating func writeBlock() {
        let minimumDelta = blockDeltas.min()!
        EncodingVarInt.appendZigZag(Int64(minimumDelta), to: &encodedBlocks)
        let bitWidthsIndex = encodedBlocks.count
        encodedBlocks.append(contentsOf: repeatElement(0, count: miniblocksPerBlock))
        let usedMiniblockCount = (blockDeltas.count + valuesPerMiniblock - 1) / valuesPerMiniblock
        for miniblock in 0..<usedMiniblockCount {
            let start = miniblock * valuesPerMiniblock
            let end = min(start + valuesPerMiniblock, blockDeltas.count)
            miniblockValues.removeAll(keepingCapacity: true)
            var largest: UInt64 = 0
            for delta in blockDeltas[start..<end] {
                // The difference is non-negative, so its magnitude bits are the packed value.
                let packed = UInt64(truncatingIfNeeded: Value.Magnitude(truncatingIfNeeded: delta &- minimumDelta))
                largest |= packed
                miniblockValues.append(packed)
            }
            miniblockValues.append(contentsOf: repeatElement(0, count: valuesPerMiniblock - miniblockValues.count))
            let bitWidth = BitPacking.bitWidth(forMaxValue: largest)
            encodedBlocks[bitWidthsIndex + miniblock] = UInt8(bitWidth)
            miniblockValues.withUnsafeBufferPointer {
                BitPacking.pack64($0.baseAddress!, count: valuesPerMiniblock, bitWidth: bitWidth, appendingTo: &encodedBlocks)
            }
        }
        blockDeltas.removeAll(keepingCapacity: true)
    }
}
