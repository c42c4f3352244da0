import SluiceCore

/// Writes key columns into the row-wise byte format of `SerializedKeyTable`, a column at a
/// time: per value a validity byte (1 valid, 0 NULL), then the fixed-width bytes of the value
/// (zero for NULL) or, for strings and binary, a 4-byte length and the bytes.
enum KeyEncoder {
    /// The bytes after the validity byte for a value of `storage`; variable-width values
    /// count only their length prefix.
    static func fixedWidth(of storage: StorageKind) -> Int {
        switch storage {
        case .boolean: 1
        case .int32: 4
        case .int64, .float64: 8
        case .int128: 16
        case .bytes: 4
        }
    }

    /// Appends the values of `rows` of `column` at `output + cursors[i]` for the i-th row,
    /// advancing each cursor past what it wrote.
    static func encode(
        _ column: Column, rows: Range<Int>, into output: UnsafeMutablePointer<UInt8>,
        cursors: UnsafeMutableBufferPointer<Int>
    ) {
        let words = column.validity?.words
        switch column.values {
        case .boolean(let values):
            values.withUnsafeBufferPointer { encodeFixed($0.lazy.map { $0 ? UInt8(1) : 0 }, words, rows, output, cursors) }
        case .int32(let values):
            values.withUnsafeBufferPointer { encodeFixed($0, words, rows, output, cursors) }
        case .int64(let values):
            values.withUnsafeBufferPointer { encodeFixed($0, words, rows, output, cursors) }
        case .int128(let values):
            values.withUnsafeBufferPointer { encodeFixed($0, words, rows, output, cursors) }
        case .float64(let values):
            // -0.0 and 0.0 group together, as do all NaNs.
            values.withUnsafeBufferPointer {
                encodeFixed($0.lazy.map { $0 == 0 ? 0.0 : ($0.isNaN ? Double.nan : $0) }, words, rows, output, cursors)
            }
        case .bytes(let buffer):
            encodeBytes(buffer, words, rows, output, cursors)
        }
    }

    @inline(__always)
    private static func encodeFixed<Values: RandomAccessCollection>(
        _ values: Values, _ words: [UInt64]?, _ rows: Range<Int>, _ output: UnsafeMutablePointer<UInt8>,
        _ cursors: UnsafeMutableBufferPointer<Int>
    ) where Values.Index == Int, Values.Element: BitwiseCopyable & Numeric {
        let width = MemoryLayout<Values.Element>.size
        for index in 0..<rows.count {
            let row = rows.lowerBound + index
            let target = output + cursors[index]
            let isValid = words.map { $0[row >> 6] & (1 << UInt64(row & 63)) != 0 } ?? true
            target[0] = isValid ? 1 : 0
            UnsafeMutableRawPointer(target + 1).storeBytes(of: isValid ? values[row] : 0, as: Values.Element.self)
            cursors[index] += 1 + width
        }
    }

    private static func encodeBytes(
        _ buffer: BinaryBuffer, _ words: [UInt64]?, _ rows: Range<Int>, _ output: UnsafeMutablePointer<UInt8>,
        _ cursors: UnsafeMutableBufferPointer<Int>
    ) {
        buffer.offsets.withUnsafeBufferPointer { offsets in
            buffer.bytes.withUnsafeBufferPointer { bytes in
                for index in 0..<rows.count {
                    let row = rows.lowerBound + index
                    let target = output + cursors[index]
                    let isValid = words.map { $0[row >> 6] & (1 << UInt64(row & 63)) != 0 } ?? true
                    let start = Int(offsets[row])
                    let length = isValid ? Int(offsets[row + 1]) - start : 0
                    target[0] = isValid ? 1 : 0
                    UnsafeMutableRawPointer(target + 1).storeBytes(of: UInt32(truncatingIfNeeded: length), as: UInt32.self)
                    if length > 0 { (target + 5).update(from: bytes.baseAddress! + start, count: length) }
                    cursors[index] += 5 + length
                }
            }
        }
    }
}
