import SluiceCore

/// DELTA_LENGTH_BYTE_ARRAY: every value's length as one DELTA_BINARY_PACKED INT32 stream, then
/// all the values' bytes concatenated. Pure functions; safe from any thread.
enum DeltaLengthByteArrayEncoding {
    /// Decodes `count` values into `output`, one slot each.
    ///
    /// - Returns: the bytes consumed.
    /// - Throws: `SluiceError.data` when the lengths are malformed, negative, or run past the data.
    static func decode(_ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout BinaryBuffer) throws -> Int {
        var lengths: [Int32] = []
        let lengthsByteCount = try DeltaBinaryPackedDecoder.decodeInt32(bytes, count: count, appendingTo: &lengths)
        let dataByteCount = try checkedTotalLength(lengths, availableByteCount: bytes.count - lengthsByteCount,
                                                   encodingName: "DELTA_LENGTH_BYTE_ARRAY")
        let data = UnsafeRawBufferPointer(rebasing: bytes[lengthsByteCount ..< lengthsByteCount + dataByteCount])
        appendConcatenated(data, lengths: lengths, to: &output)
        return lengthsByteCount + dataByteCount
    }

    /// Encodes the values of `values`, skipping the rows `validity` marks null.
    static func encode(_ values: BinaryBuffer, validity: ValidityBitmap? = nil, appendingTo output: inout [UInt8]) {
        var lengths = DeltaBinaryPackedEncoder<Int32>()
        var rows: [Int] = []
        for row in 0..<values.count where validity?.isValid(row) ?? true {
            lengths.append(Int32(values.byteRange(row).count))
            rows.append(row)
        }
        output.append(contentsOf: lengths.finish())
        values.bytes.withUnsafeBufferPointer { valueBytes in
            for row in rows { output.append(contentsOf: UnsafeBufferPointer(rebasing: valueBytes[values.byteRange(row)])) }
        }
    }

    /// The sum of `lengths`, checked to be non-negative and to fit in `availableByteCount`.
    static func checkedTotalLength(_ lengths: [Int32], availableByteCount: Int, encodingName: String) throws -> Int {
        var total = 0
        for (index, length) in lengths.enumerated() {
            guard length >= 0 else { throw SluiceError.data("corrupt \(encodingName) data: value \(index) has length \(length)") }
            total += Int(length)
        }
        guard total <= availableByteCount else {
            throw SluiceError.data("corrupt \(encodingName) data: lengths add up to \(total) bytes but \(availableByteCount) remain")
        }
        return total
    }

    /// Appends the values whose `lengths` split `data`, which holds exactly their bytes.
    static func appendConcatenated(_ data: UnsafeRawBufferPointer, lengths: [Int32], to output: inout BinaryBuffer) {
        if !data.isEmpty {
            output.bytes.append(contentsOf: UnsafeBufferPointer(start: data.baseAddress!.assumingMemoryBound(to: UInt8.self), count: data.count))
        }
        var offset = output.offsets[output.offsets.count - 1]
        output.offsets.appendDecoded(count: lengths.count, placeholder: 0) { target in
            for index in 0..<lengths.count {
                offset += Int64(lengths[index])
                target[index] = offset
            }
        }
    }
}
