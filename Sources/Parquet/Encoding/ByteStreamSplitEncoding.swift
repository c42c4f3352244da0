import SluiceCore

/// BYTE_STREAM_SPLIT: for values of K bytes, K streams of `count` bytes each, stream `k` holding
/// byte `k` (little-endian order) of every value. Used for FLOAT, DOUBLE, INT32, INT64 and
/// FIXED_LEN_BYTE_ARRAY columns to help compression. Pure functions; safe from any thread.
enum ByteStreamSplitEncoding {
    static func decodeDouble(_ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Double]) throws -> Int {
        try decodeFixedWidth(bytes, count: count, placeholder: 0, appendingTo: &output) { Double(bitPattern: $0) }
    }

    /// Decodes FLOAT values, widened to `Double`.
    static func decodeFloat(_ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Double]) throws -> Int {
        try decodeFixedWidth(bytes, count: count, placeholder: 0, appendingTo: &output) { (pattern: UInt32) in
            Double(Float(bitPattern: pattern))
        }
    }

    static func decodeInt32(_ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int32]) throws -> Int {
        try decodeFixedWidth(bytes, count: count, placeholder: 0, appendingTo: &output) { Int32(bitPattern: $0) }
    }

    static func decodeInt64(_ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int64]) throws -> Int {
        try decodeFixedWidth(bytes, count: count, placeholder: 0, appendingTo: &output) { Int64(bitPattern: $0) }
    }

    /// Decodes FIXED_LEN_BYTE_ARRAY values of `byteWidth` bytes into `output`.
    static func decodeFixedLenByteArray(
        _ bytes: UnsafeRawBufferPointer, byteWidth: Int, count: Int, appendingTo output: inout BinaryBuffer
    ) throws -> Int {
        guard byteWidth > 0 else {
            throw SluiceError.data("corrupt BYTE_STREAM_SPLIT data: type length \(byteWidth) is not positive")
        }
        let byteCount = try checkedByteCount(bytes, count: count, valueByteCount: byteWidth)
        guard count > 0 else { return 0 }
        let firstByteIndex = output.bytes.count
        output.bytes.appendDecoded(count: byteCount, placeholder: 0) { target in
            for stream in 0..<byteWidth {
                let source = bytes.baseAddress! + stream &* count
                for index in 0..<count {
                    target[index &* byteWidth &+ stream] = source.load(fromByteOffset: index, as: UInt8.self)
                }
            }
        }
        output.offsets.appendDecoded(count: count, placeholder: 0) { target in
            for index in 0..<count {
                target[index] = Int64(truncatingIfNeeded: firstByteIndex &+ (index &+ 1) &* byteWidth)
            }
        }
        return byteCount
    }

    /// Encodes fixed-width values, given as their little-endian bit patterns, appended to `output`.
    static func encode<Pattern: FixedWidthInteger & UnsignedInteger>(_ patterns: [Pattern], appendingTo output: inout [UInt8]) {
        let valueByteCount = MemoryLayout<Pattern>.size
        output.reserveCapacity(output.count + patterns.count * valueByteCount)
        for stream in 0..<valueByteCount {
            for pattern in patterns { output.append(UInt8(truncatingIfNeeded: pattern >> (stream * 8))) }
        }
    }

    /// Gathers each value's bytes from the streams, then converts its bit pattern.
    private static func decodeFixedWidth<Pattern: FixedWidthInteger & UnsignedInteger, Value: BitwiseCopyable>(
        _ bytes: UnsafeRawBufferPointer, count: Int, placeholder: Value, appendingTo output: inout [Value],
        convert: (Pattern) -> Value
    ) throws -> Int {
        let valueByteCount = MemoryLayout<Pattern>.size
        let byteCount = try checkedByteCount(bytes, count: count, valueByteCount: valueByteCount)
        guard count > 0 else { return 0 }
        let base = bytes.baseAddress!
        output.appendDecoded(count: count, placeholder: placeholder) { target in
            for index in 0..<count {
                var pattern: Pattern = 0
                for stream in 0..<valueByteCount {
                    pattern |= Pattern(base.load(fromByteOffset: stream &* count &+ index, as: UInt8.self)) &<< Pattern(stream &* 8)
                }
                target[index] = convert(pattern)
            }
        }
        return byteCount
    }

    private static func checkedByteCount(_ bytes: UnsafeRawBufferPointer, count: Int, valueByteCount: Int) throws -> Int {
        guard count >= 0 else { throw SluiceError.internal("negative value count \(count)") }
        guard count <= bytes.count / valueByteCount else {
            throw SluiceError.data("corrupt BYTE_STREAM_SPLIT data: \(bytes.count) bytes cannot hold \(count) values of \(valueByteCount) bytes")
        }
        return count * valueByteCount
    }
}
