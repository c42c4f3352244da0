import SluiceCore

/// PLAIN decoding of every physical type: values back to back, fixed-width ones little-endian,
/// BYTE_ARRAY as a 4-byte little-endian length then the bytes, BOOLEAN as bits (least
/// significant first). Each decoder checks the page is long enough once, up front, then copies
/// without further checks, appends to the caller's buffer and returns the bytes it consumed.
/// Pure functions; safe from any thread.
///
/// Encoders are in `PlainEncoding+Encoding.swift`, decimals in `PlainEncoding+Decimal.swift`,
/// INT96 timestamps in `PlainEncoding+Int96.swift`.
enum PlainEncoding {
    /// Decodes `count` bit-packed booleans.
    static func decodeBoolean(_ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Bool]) throws -> Int {
        try checkCount(count)
        let byteCount = (count + 7) >> 3
        guard byteCount <= bytes.count else { throw tooShort(bytes, count: count, typeName: "BOOLEAN") }
        guard count > 0 else { return 0 }
        let base = bytes.baseAddress!
        output.appendDecoded(count: count, placeholder: false) { target in
            for index in 0..<count {
                target[index] = (base.load(fromByteOffset: index &>> 3, as: UInt8.self) &>> UInt8(index & 7)) & 1 != 0
            }
        }
        return byteCount
    }

    static func decodeInt32(_ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int32]) throws -> Int {
        try decodeFixedWidth(bytes, count: count, typeName: "INT32", placeholder: 0, appendingTo: &output)
    }

    static func decodeInt64(_ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int64]) throws -> Int {
        try decodeFixedWidth(bytes, count: count, typeName: "INT64", placeholder: 0, appendingTo: &output)
    }

    static func decodeDouble(_ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Double]) throws -> Int {
        try decodeFixedWidth(bytes, count: count, typeName: "DOUBLE", placeholder: 0, appendingTo: &output)
    }

    /// Decodes `count` FLOAT values, widened to `Double` (exactly).
    static func decodeFloat(_ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Double]) throws -> Int {
        let byteCount = try fixedWidthByteCount(bytes, count: count, valueByteCount: 4, typeName: "FLOAT")
        guard count > 0 else { return 0 }
        let base = bytes.baseAddress!
        output.appendDecoded(count: count, placeholder: 0) { target in
            for index in 0..<count {
                let pattern = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: index &* 4, as: UInt32.self))
                target[index] = Double(Float(bitPattern: pattern))
            }
        }
        return byteCount
    }

    /// Decodes `count` BYTE_ARRAY values into `output`, one slot each.
    ///
    /// Two passes: the first checks every length and writes the offsets, the second copies the
    /// bytes into storage sized once, which avoids growing the byte array value by value.
    ///
    /// - Throws: `SluiceError.data` when a length runs past the page.
    static func decodeByteArray(_ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout BinaryBuffer) throws -> Int {
        try checkCount(count)
        guard count <= bytes.count / 4 else { throw tooShort(bytes, count: count, typeName: "BYTE_ARRAY") }
        guard count > 0 else { return 0 }
        let base = bytes.baseAddress!
        let firstByteIndex = output.bytes.count
        var position = 0
        var valueByteCount = 0
        try output.offsets.appendDecoded(count: count, placeholder: 0) { offsets in
            for index in 0..<count {
                guard position &+ 4 <= bytes.count else {
                    throw SluiceError.data("corrupt PLAIN BYTE_ARRAY data: value \(index) of \(count) starts past the page end",
                                           at: SourceLocation(byteOffset: position))
                }
                let length = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
                position &+= 4
                guard length <= bytes.count &- position else {
                    throw SluiceError.data("corrupt PLAIN BYTE_ARRAY data: value \(index) of length \(length) runs past the page end",
                                           at: SourceLocation(byteOffset: position &- 4))
                }
                position &+= length
                valueByteCount &+= length
                offsets[index] = Int64(truncatingIfNeeded: firstByteIndex &+ valueByteCount)
            }
        }
        output.bytes.appendDecoded(count: valueByteCount, placeholder: 0) { target in
            var source = 0
            var written = 0
            for _ in 0..<count {
                let length = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: source, as: UInt32.self)))
                UnsafeMutableRawPointer(target + written).copyMemory(from: base + (source &+ 4), byteCount: length)
                source &+= 4 &+ length
                written &+= length
            }
        }
        return position
    }

    /// Decodes `count` FIXED_LEN_BYTE_ARRAY values of `byteWidth` bytes into `output`.
    static func decodeFixedLenByteArray(
        _ bytes: UnsafeRawBufferPointer, byteWidth: Int, count: Int, appendingTo output: inout BinaryBuffer
    ) throws -> Int {
        guard byteWidth > 0 else {
            throw SluiceError.data("corrupt PLAIN FIXED_LEN_BYTE_ARRAY data: type length \(byteWidth) is not positive")
        }
        let byteCount = try fixedWidthByteCount(bytes, count: count, valueByteCount: byteWidth, typeName: "FIXED_LEN_BYTE_ARRAY")
        guard count > 0 else { return 0 }
        output.bytes.append(contentsOf: UnsafeBufferPointer(start: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), count: byteCount))
        let firstOffset = output.offsets[output.offsets.count - 1]
        output.offsets.appendDecoded(count: count, placeholder: 0) { target in
            for index in 0..<count {
                target[index] = firstOffset &+ Int64(truncatingIfNeeded: (index &+ 1) &* byteWidth)
            }
        }
        return byteCount
    }

    // MARK: - Shared checks

    /// Copies fixed-width little-endian values: one `memcpy` on little-endian machines.
    static func decodeFixedWidth<Value: BitwiseCopyable>(
        _ bytes: UnsafeRawBufferPointer, count: Int, typeName: String, placeholder: Value, appendingTo output: inout [Value]
    ) throws -> Int {
        let valueByteCount = MemoryLayout<Value>.size
        let byteCount = try fixedWidthByteCount(bytes, count: count, valueByteCount: valueByteCount, typeName: typeName)
        guard count > 0 else { return 0 }
        let base = bytes.baseAddress!
        output.appendDecoded(count: count, placeholder: placeholder) { target in
            #if _endian(little)
            UnsafeMutableRawPointer(target).copyMemory(from: base, byteCount: byteCount)
            #else
            for index in 0..<count {
                var value = base.loadUnaligned(fromByteOffset: index &* valueByteCount, as: Value.self)
                withUnsafeMutableBytes(of: &value) { $0.reverse() }
                target[index] = value
            }
            #endif
        }
        return byteCount
    }

    /// The bytes `count` values of `valueByteCount` take, checked against the page without
    /// overflowing on hostile counts.
    static func fixedWidthByteCount(_ bytes: UnsafeRawBufferPointer, count: Int, valueByteCount: Int, typeName: String) throws -> Int {
        try checkCount(count)
        guard count <= bytes.count / valueByteCount else { throw tooShort(bytes, count: count, typeName: typeName) }
        return count * valueByteCount
    }

    static func checkCount(_ count: Int) throws {
        guard count >= 0 else { throw SluiceError.internal("negative value count \(count)") }
    }

    static func tooShort(_ bytes: UnsafeRawBufferPointer, count: Int, typeName: String) -> SluiceError {
        SluiceError.data("corrupt PLAIN \(typeName) data: \(bytes.count) bytes cannot hold \(count) values")
    }
}
