import SluiceCore

/// Reads columns back from the row-wise key format `KeyEncoder` writes.
enum KeyDecoder {
    /// The column of `type` whose i-th value starts at `bytes + cursors[i]`; advances each
    /// cursor past the value.
    static func decodeColumn(type: DataType, from bytes: UnsafePointer<UInt8>, cursors: UnsafeMutableBufferPointer<Int>) -> Column {
        let count = cursors.count
        var validity = ValidityBitmap(count: count, allValid: true)
        for index in 0..<count where bytes[cursors[index]] == 0 { validity.set(index, valid: false) }
        let values: ColumnValues
        switch type.storage {
        case .boolean: values = .boolean(decodeFixed(UInt8.self, bytes, cursors).map { $0 != 0 })
        case .int32: values = .int32(decodeFixed(Int32.self, bytes, cursors))
        case .int64: values = .int64(decodeFixed(Int64.self, bytes, cursors))
        case .int128: values = .int128(decodeFixed(Int128.self, bytes, cursors))
        case .float64: values = .float64(decodeFixed(Double.self, bytes, cursors))
        case .bytes:
            var buffer = BinaryBuffer()
            buffer.reserve(values: count, bytes: 0)
            for index in 0..<count {
                let start = cursors[index]
                let length = Int(UnsafeRawPointer(bytes + start + 1).loadUnaligned(as: UInt32.self))
                buffer.append(bytes: UnsafeRawBufferPointer(start: bytes + start + 5, count: length))
                cursors[index] = start + 5 + length
            }
            values = .bytes(buffer)
        }
        return Column(type: type, values: values, validity: validity)
    }

    private static func decodeFixed<T: BitwiseCopyable>(
        _: T.Type, _ bytes: UnsafePointer<UInt8>, _ cursors: UnsafeMutableBufferPointer<Int>
    ) -> [T] {
        [T](unsafeUninitializedCapacity: cursors.count) { output, initialized in
            for index in 0..<cursors.count {
                let start = cursors[index]
                output.baseAddress!.advanced(by: index)
                    .initialize(to: UnsafeRawPointer(bytes + start + 1).loadUnaligned(as: T.self))
                cursors[index] = start + 1 + MemoryLayout<T>.size
            }
            initialized = cursors.count
        }
    }
}
