import SluiceCore

extension ParquetReader {
    /// Whether a row group may hold rows matching every predicate, judged from its column
    /// statistics. True when the statistics are missing or cannot be read.
    public func rowGroupMayMatch(_ index: Int, _ predicates: [ColumnPredicate]) -> Bool {
        let rowGroup = metadata.rowGroups[index]
        for predicate in predicates {
            guard let column = schema.index(of: predicate.column),
                  let type = Optional(schema.fields[column].type),
                  let literal = try? predicate.literal(as: type) else { continue }
            guard let metaData = rowGroup.columns[leafIndex(of: column)].metaData,
                  let statistics = metaData.statistics else { continue }
            if let nullCount = statistics.nullCount, nullCount == rowGroup.numRows, rowGroup.numRows > 0 {
                return false  // Only nulls: no comparison is true.
            }
            guard let bounds = statisticsBounds(statistics, column: column) else { continue }
            if !predicate.mayMatch(min: bounds.min, max: bounds.max, literal: literal) { return false }
        }
        return true
    }

    /// The min and max of a column chunk's statistics as Sluice values, when present and
    /// trustworthy (the deprecated signed `min`/`max` only for numeric columns).
    func statisticsBounds(_ statistics: Statistics, column: Int) -> (min: Value, max: Value)? {
        let descriptor = columnDescriptor(column)
        var low = statistics.minValue
        var high = statistics.maxValue
        if low == nil || high == nil, descriptor.physicalType != .byteArray, descriptor.physicalType != .fixedLenByteArray {
            low = statistics.min
            high = statistics.max
        }
        guard let low, let high,
              let minValue = statisticsValue(low, descriptor), let maxValue = statisticsValue(high, descriptor) else { return nil }
        return (minValue, maxValue)
    }

    /// Decodes one PLAIN-encoded statistics value.
    func statisticsValue(_ bytes: [UInt8], _ descriptor: ParquetColumnDescriptor) -> Value? {
        var accumulator = ColumnValueAccumulator(type: descriptor.field.type, capacity: 1)
        let plain: [UInt8]
        if descriptor.physicalType == .byteArray {
            plain = withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { Array($0) } + bytes
        } else {
            plain = bytes
        }
        do {
            let reader = try ColumnChunkReader(descriptor: descriptor, metaData: ColumnMetaData(
                type: descriptor.physicalType, encodings: [], pathInSchema: [], codecRawValue: 0, numValues: 0,
                totalUncompressedSize: 0, totalCompressedSize: 0, dataPageOffset: 0), filePath: path)
            try plain.withUnsafeBytes { try reader.decodePlainValues($0, count: 1, into: &accumulator) }
        } catch {
            return nil
        }
        let column = accumulator.finish(validity: nil)
        return column.count == 1 ? column[0] : nil
    }
}
