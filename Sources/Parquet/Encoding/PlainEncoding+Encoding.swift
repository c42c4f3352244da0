import SluiceCore

/// PLAIN encoders: each appends the encoded values to `output`. Fixed-width values go through
/// one bulk copy on little-endian machines when the collection is contiguous.
extension PlainEncoding {
    static func encodeBoolean<Values: Collection<Bool>>(_ values: Values, appendingTo output: inout [UInt8]) {
        var byte: UInt8 = 0
        var bitIndex = 0
        for value in values {
            if value { byte |= 1 << UInt8(bitIndex) }
            bitIndex += 1
            if bitIndex == 8 {
                output.append(byte)
                byte = 0
                bitIndex = 0
            }
        }
        if bitIndex > 0 { output.append(byte) }
    }

    static func encodeInt32<Values: Collection<Int32>>(_ values: Values, appendingTo output: inout [UInt8]) {
        encodeFixedWidth(values, appendingTo: &output) { $0 }
    }

    static func encodeInt64<Values: Collection<Int64>>(_ values: Values, appendingTo output: inout [UInt8]) {
        encodeFixedWidth(values, appendingTo: &output) { $0 }
    }

    static func encodeDouble<Values: Collection<Double>>(_ values: Values, appendingTo output: inout [UInt8]) {
        encodeFixedWidth(values, appendingTo: &output) { $0.bitPattern }
    }

    /// Encodes FLOAT values, narrowing each `Double` to the nearest `Float`.
    static func encodeFloat<Values: Collection<Double>>(_ values: Values, appendingTo output: inout [UInt8]) {
        output.reserveCapacity(output.count + values.count * 4)
        for value in values { appendLittleEndian(Float(value).bitPattern, to: &output) }
    }

    /// Encodes the values of `values` as BYTE_ARRAY, skipping the rows `validity` marks null.
    static func encodeByteArray(_ values: BinaryBuffer, validity: ValidityBitmap? = nil, appendingTo output: inout [UInt8]) {
        output.reserveCapacity(output.count + values.bytes.count + values.count * 4)
        values.bytes.withUnsafeBufferPointer { valueBytes in
            for index in 0..<values.count where validity?.isValid(index) ?? true {
                let range = values.byteRange(index)
                appendLittleEndian(UInt32(range.count), to: &output)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: valueBytes[range]))
            }
        }
    }

    /// Encodes the values of `values` as FIXED_LEN_BYTE_ARRAY, skipping the rows `validity` marks
    /// null.
    ///
    /// - Throws: `SluiceError.internal` when a non-null value is not `byteWidth` bytes long.
    static func encodeFixedLenByteArray(
        _ values: BinaryBuffer, byteWidth: Int, validity: ValidityBitmap? = nil, appendingTo output: inout [UInt8]
    ) throws {
        output.reserveCapacity(output.count + values.count * byteWidth)
        try values.bytes.withUnsafeBufferPointer { valueBytes in
            for index in 0..<values.count where validity?.isValid(index) ?? true {
                let range = values.byteRange(index)
                guard range.count == byteWidth else {
                    throw SluiceError.internal("value \(index) is \(range.count) bytes in a FIXED_LEN_BYTE_ARRAY(\(byteWidth)) column")
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: valueBytes[range]))
            }
        }
    }

    /// Appends `value` as a big-endian two's complement integer of `byteWidth` (1...16) bytes;
    /// the value must fit (the column's precision guarantees it).
    static func encodeBigEndianDecimal(_ value: Int128, byteWidth: Int, appendingTo output: inout [UInt8]) {
        precondition((1...16).contains(byteWidth), "decimal width \(byteWidth) out of 1...16")
        let pattern = UInt128(bitPattern: value)
        for byteIndex in stride(from: byteWidth - 1, through: 0, by: -1) {
            output.append(UInt8(truncatingIfNeeded: pattern >> UInt128(byteIndex * 8)))
        }
    }

    /// The fewest bytes that hold every decimal of `precision` digits (the FIXED_LEN_BYTE_ARRAY
    /// type length writers use).
    static func decimalByteWidth(precision: Int) -> Int {
        let largest = Decimal128.powerOfTen(precision) - 1
        var byteWidth = 1
        while byteWidth < 16 && largest >= Int128(1) << Int128(byteWidth * 8 - 1) { byteWidth += 1 }
        return byteWidth
    }

    // MARK: - Helpers

    /// Appends fixed-width values little-endian: one bulk copy for contiguous collections on
    /// little-endian machines, `bits` per value otherwise.
    private static func encodeFixedWidth<Values: Collection, Bits: FixedWidthInteger>(
        _ values: Values, appendingTo output: inout [UInt8], bits: (Values.Element) -> Bits
    ) where Values.Element: BitwiseCopyable {
        #if _endian(little)
        let copied: Void? = values.withContiguousStorageIfAvailable { buffer in
            appendRawBytes(UnsafeRawBufferPointer(buffer), to: &output)
        }
        if copied != nil { return }
        #endif
        output.reserveCapacity(output.count + values.count * MemoryLayout<Bits>.size)
        for value in values { appendLittleEndian(bits(value), to: &output) }
    }

    private static func appendRawBytes(_ raw: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        guard raw.count > 0 else { return }
        let startIndex = output.count
        output.append(contentsOf: repeatElement(0, count: raw.count))
        output.withUnsafeMutableBytes { ($0.baseAddress! + startIndex).copyMemory(from: raw.baseAddress!, byteCount: raw.count) }
    }

    private static func appendLittleEndian<Value: FixedWidthInteger>(_ value: Value, to output: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { output.append(contentsOf: $0) }
    }
}
