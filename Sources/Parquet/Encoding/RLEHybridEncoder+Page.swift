extension RLEHybridEncoder {
    /// Encodes a whole page of values at once (no length prefix), appending to `output`.
    ///
    /// Same runs as the streaming encoder would choose for long repeats (8 or more equal values
    /// become an RLE run), but found by scanning the buffer, and everything between runs is
    /// bit-packed in bulk: several times faster than appending value by value, which matters
    /// for dictionary indices, one per row.
    static func encode(_ values: UnsafeBufferPointer<UInt32>, bitWidth: Int, appendingTo output: inout [UInt8]) {
        let count = values.count
        var pendingStart = 0
        var index = 0
        while index < count {
            let value = values[index]
            var runEnd = index + 1
            while runEnd < count, values[runEnd] == value { runEnd += 1 }
            let runLength = runEnd - index
            if runLength >= repeatCountMin {
                // Bit-packed runs hold whole groups of 8: lend the run's head to the pending values.
                let borrowed = (groupSize - (index - pendingStart) % groupSize) % groupSize
                if runLength - borrowed >= repeatCountMin {
                    appendBitPacked(values, pendingStart..<(index + borrowed), bitWidth: bitWidth, to: &output)
                    appendRepeated(value, count: runLength - borrowed, bitWidth: bitWidth, to: &output)
                    pendingStart = runEnd
                }
            }
            index = runEnd
        }
        appendBitPacked(values, pendingStart..<count, bitWidth: bitWidth, to: &output)
    }

    private static var groupSize: Int { BitPacking.groupValueCount }
    /// Groups per bit-packed run, so the run header fits in one byte.
    private static var groupsPerRunMax: Int { 63 }

    private static func appendRepeated(_ value: UInt32, count: Int, bitWidth: Int, to output: inout [UInt8]) {
        EncodingVarInt.appendULEB128(UInt64(count) << 1, to: &output)
        for byteIndex in 0..<((bitWidth + 7) >> 3) {
            output.append(UInt8(truncatingIfNeeded: value >> UInt32(byteIndex * 8)))
        }
    }

    /// Bit-packs `range` (whose length is a multiple of 8, except at the end of the page, where
    /// the last group is padded with zeros that readers never look at).
    private static func appendBitPacked(_ values: UnsafeBufferPointer<UInt32>, _ range: Range<Int>, bitWidth: Int,
                                        to output: inout [UInt8]) {
        var start = range.lowerBound
        while start < range.upperBound {
            let valueCount = min(range.upperBound - start, groupsPerRunMax * groupSize)
            let groupCount = (valueCount + groupSize - 1) / groupSize
            output.append(UInt8(groupCount << 1 | 1))
            let wholeCount = valueCount / groupSize * groupSize
            if wholeCount > 0 {
                BitPacking.pack32(values.baseAddress! + start, count: wholeCount, bitWidth: bitWidth, appendingTo: &output)
            }
            if wholeCount < valueCount {
                var padded = [UInt32](repeating: 0, count: groupSize)
                for offset in 0..<(valueCount - wholeCount) { padded[offset] = values[start + wholeCount + offset] }
                padded.withUnsafeBufferPointer {
                    BitPacking.pack32($0.baseAddress!, count: groupSize, bitWidth: bitWidth, appendingTo: &output)
                }
            }
            start += valueCount
        }
    }
}
