import SluiceCore

extension ColumnChunkReader {
    /// Decodes a page's BYTE_STREAM_SPLIT values (FLOAT, DOUBLE, INT32, INT64 or
    /// FIXED_LEN_BYTE_ARRAY, as DuckDB's and pyarrow's writers produce for floating point columns).
    ///
    /// Interleaving the K byte streams back gives exactly the PLAIN layout (K-byte little-endian
    /// values back to back), which is then decoded as PLAIN, so every conversion PLAIN applies
    /// (float widening, timestamp units, decimals) applies here the same way.
    /// - Throws: `SluiceError` (data) for another physical type or too few bytes.
    func decodeByteStreamSplitValues(_ bytes: UnsafeRawBufferPointer, count: Int,
                                     into values: inout ColumnValueAccumulator) throws {
        let valueSizeBytes: Int
        switch descriptor.physicalType {
        case .float, .int32: valueSizeBytes = 4
        case .double, .int64: valueSizeBytes = 8
        case .fixedLenByteArray: valueSizeBytes = Int(descriptor.typeLength ?? 0)
        default:
            throw SluiceError.data("BYTE_STREAM_SPLIT encoding on \(descriptor.physicalType) column '\(descriptor.field.name)'")
        }
        var plain = BinaryBuffer()
        _ = try ByteStreamSplitEncoding.decodeFixedLenByteArray(bytes, byteWidth: valueSizeBytes, count: count, appendingTo: &plain)
        try plain.bytes.withUnsafeBytes { try decodePlainValues($0, count: count, into: &values) }
    }
}
