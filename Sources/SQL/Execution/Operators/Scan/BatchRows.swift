import SluiceCore

/// Gathers rows out of a batch: by a selection vector, or a contiguous range copied a buffer
/// at a time.
enum BatchRows {
    /// The rows of `batch` at `rows` (ascending, as `ExpressionEvaluator.select` returns
    /// them); the batch itself when every row is selected.
    static func take(_ rows: some Collection<Int32>, of batch: RecordBatch) -> RecordBatch {
        if rows.count == batch.rowCount { return batch }
        return batch.take(rows.map { Int($0) })
    }

    /// Rows `range` of `batch`, copied with bulk copies instead of a gather.
    static func slice(_ range: Range<Int>, of batch: RecordBatch) -> RecordBatch {
        if range == 0..<batch.rowCount { return batch }
        return RecordBatch(schema: batch.schema, columns: batch.columns.map { slice(range, of: $0) })
    }

    static func slice(_ range: Range<Int>, of column: Column) -> Column {
        let values: ColumnValues
        switch column.values {
        case .boolean(let v): values = .boolean(Array(v[range]))
        case .int32(let v): values = .int32(Array(v[range]))
        case .int64(let v): values = .int64(Array(v[range]))
        case .int128(let v): values = .int128(Array(v[range]))
        case .float64(let v): values = .float64(Array(v[range]))
        case .bytes(let buffer):
            let start = buffer.offsets[range.lowerBound]
            let end = buffer.offsets[range.upperBound]
            let offsets = buffer.offsets[range.lowerBound...range.upperBound].map { $0 - start }
            values = .bytes(BinaryBuffer(offsets: offsets, bytes: Array(buffer.bytes[Int(start)..<Int(end)])))
        }
        var validity: ValidityBitmap?
        if let source = column.validity {
            var sliced = ValidityBitmap(count: range.count, allValid: true)
            source.words.withUnsafeBytes { words in
                _ = sliced.copyBits(from: words, bitOffset: range.lowerBound, count: range.count, toRow: 0)
            }
            validity = sliced
        }
        return Column(type: column.type, values: values, validity: validity)
    }
}
