/// Encodes values with the RLE/bit-packed hybrid, choosing runs the way parquet-java does: a
/// value repeated at least 8 times becomes an RLE run, everything else goes into bit-packed runs
/// of up to 63 groups of 8 (so each bit-packed header fits in one byte, reserved up front).
///
/// The output has no length prefix. Not thread-safe; a value type, cheap to create per page.
struct RLEHybridEncoder {
    /// Values that repeat at least this often are written as an RLE run.
    static var repeatCountMin: Int { 8 }
    /// Bit-packed groups per run, so the header `groupCount << 1 | 1` fits in one byte.
    private static var bitPackedGroupCountMax: Int { 63 }
    /// The format's limit on one RLE run's length.
    private static var repeatedRunCountMax: Int { Int(Int32.max) }

    let bitWidth: Int
    private var bytes: [UInt8] = []
    /// Values not yet written: up to 7 waiting to complete a group.
    private var bufferedValues = [UInt32](repeating: 0, count: BitPacking.groupValueCount)
    private var bufferedCount = 0
    private var previousValue: UInt32 = 0
    private var repeatCount = 0
    /// Where the open bit-packed run's header byte is, if a run is open.
    private var bitPackedHeaderIndex: Int?
    private var bitPackedGroupCount = 0
    private let valueMask: UInt32

    /// - Parameter bitWidth: bits per value, 0...32; values must fit in it.
    init(bitWidth: Int) {
        precondition((0...32).contains(bitWidth), "bit width \(bitWidth) out of 0...32")
        self.bitWidth = bitWidth
        self.valueMask = bitWidth == 32 ? .max : (1 << UInt32(bitWidth)) - 1
    }

    /// Bytes written so far, not counting values still buffered.
    var encodedByteCount: Int { bytes.count }

    mutating func append(_ value: UInt32) {
        assert(value & ~valueMask == 0, "value \(value) wider than \(bitWidth) bits")
        if value == previousValue {
            repeatCount &+= 1
            // The run's first 7 values sit in the buffer; later ones only count.
            if repeatCount >= Self.repeatCountMin { return }
        } else {
            if repeatCount >= Self.repeatCountMin { writeRepeatedRun() }
            repeatCount = 1
            previousValue = value
        }
        bufferedValues[bufferedCount] = value
        bufferedCount &+= 1
        if bufferedCount == BitPacking.groupValueCount { writeBitPackedGroup() }
    }

    /// Appends `count` copies of `value`, in constant time once they form an RLE run.
    mutating func append(repeating value: UInt32, count: Int) {
        var remaining = count
        while remaining > 0 && !(value == previousValue && repeatCount >= Self.repeatCountMin) {
            append(value)
            remaining &-= 1
        }
        repeatCount &+= remaining
    }

    /// The encoded runs; the encoder is empty again afterwards.
    mutating func finish() -> [UInt8] {
        flush()
        defer { self = RLEHybridEncoder(bitWidth: bitWidth) }
        return bytes
    }

    /// Appends the encoded runs to `output` (after, for example, a V1 level section's length
    /// prefix that the caller fills in); the encoder is empty again afterwards.
    mutating func finish(appendingTo output: inout [UInt8]) {
        flush()
        output.append(contentsOf: bytes)
        self = RLEHybridEncoder(bitWidth: bitWidth)
    }

    /// Appends a 4-byte little-endian byte length and then the encoded runs to `output`, the
    /// layout of V1 level sections and RLE booleans; the encoder is empty again afterwards.
    mutating func finishLengthPrefixed(appendingTo output: inout [UInt8]) {
        flush()
        withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { output.append(contentsOf: $0) }
        output.append(contentsOf: bytes)
        self = RLEHybridEncoder(bitWidth: bitWidth)
    }

    private mutating func flush() {
        if repeatCount >= Self.repeatCountMin {
            writeRepeatedRun()
        } else if bufferedCount > 0 {
            // Readers stop at the value count they know, so the padding is never read as data.
            while bufferedCount < BitPacking.groupValueCount {
                bufferedValues[bufferedCount] = 0
                bufferedCount &+= 1
            }
            writeBitPackedGroup()
        }
        endBitPackedRun()
    }

    private mutating func writeRepeatedRun() {
        endBitPackedRun()
        var remaining = repeatCount
        while remaining > 0 {
            let runCount = min(remaining, Self.repeatedRunCountMax)
            EncodingVarInt.appendULEB128(UInt64(runCount) << 1, to: &bytes)
            for byteIndex in 0..<((bitWidth + 7) >> 3) {
                bytes.append(UInt8(truncatingIfNeeded: previousValue >> UInt32(byteIndex * 8)))
            }
            remaining -= runCount
        }
        repeatCount = 0
        bufferedCount = 0
    }

    private mutating func writeBitPackedGroup() {
        if bitPackedGroupCount == Self.bitPackedGroupCountMax { endBitPackedRun() }
        if bitPackedHeaderIndex == nil {
            bitPackedHeaderIndex = bytes.count
            bytes.append(0)
        }
        bufferedValues.withUnsafeBufferPointer { values in
            BitPacking.pack32(values.baseAddress!, count: BitPacking.groupValueCount, bitWidth: bitWidth, appendingTo: &bytes)
        }
        bitPackedGroupCount += 1
        bufferedCount = 0
        repeatCount = 0
    }

    private mutating func endBitPackedRun() {
        guard let headerIndex = bitPackedHeaderIndex else { return }
        bytes[headerIndex] = UInt8(bitPackedGroupCount << 1 | 1)
        bitPackedHeaderIndex = nil
        bitPackedGroupCount = 0
    }
}
