import SluiceCore

/// Byte strings that identify whole rows: two rows of one schema have equal keys exactly when
/// every column holds the same bits (null and the stored value), so a row copied unchanged from
/// one file into another keeps its key. Used to cancel rows a rewrite carried over.
enum RowKey {
    /// One key per row of the batch.
    static func keys(of batch: RecordBatch) -> [[UInt8]] {
        var keys = [[UInt8]](repeating: [], count: batch.rowCount)
        for column in batch.columns {
            switch column.values {
            case .boolean(let values): append(column, &keys) { $0.append(values[$1] ? 1 : 0) }
            case .int32(let values): append(column, &keys) { appendBits(UInt64(UInt32(bitPattern: values[$1])), bytes: 4, to: &$0) }
            case .int64(let values): append(column, &keys) { appendBits(UInt64(bitPattern: values[$1]), bytes: 8, to: &$0) }
            case .float64(let values): append(column, &keys) { appendBits(values[$1].bitPattern, bytes: 8, to: &$0) }
            case .int128(let values):
                append(column, &keys) { key, row in
                    let bits = UInt128(bitPattern: values[row])
                    appendBits(UInt64(truncatingIfNeeded: bits), bytes: 8, to: &key)
                    appendBits(UInt64(truncatingIfNeeded: bits >> 64), bytes: 8, to: &key)
                }
            case .bytes(let buffer):
                append(column, &keys) { key, row in
                    let range = buffer.byteRange(row)
                    appendBits(UInt64(range.count), bytes: 8, to: &key)
                    key.append(contentsOf: buffer.bytes[range])
                }
            }
        }
        return keys
    }

    /// Appends each row's null marker, then its value when not null.
    private static func append(_ column: Column, _ keys: inout [[UInt8]], value: (inout [UInt8], Int) -> Void) {
        for row in keys.indices {
            if column.isNull(row) {
                keys[row].append(0)
            } else {
                keys[row].append(1)
                value(&keys[row], row)
            }
        }
    }

    private static func appendBits(_ bits: UInt64, bytes: Int, to key: inout [UInt8]) {
        for shift in stride(from: 0, to: bytes * 8, by: 8) { key.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }
}
