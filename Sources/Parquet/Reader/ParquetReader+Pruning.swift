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

    /// The min and max of a column chunk's statistics as Sluice values.
    func statisticsBounds(_ statistics: Statistics, column: Int) -> (min: Value, max: Value)? {
        columnDescriptor(column).statisticsBounds(statistics)
    }
}

extension ParquetColumnDescriptor {
    /// The min and max of a column chunk's statistics as Sluice values, when present and
    /// trustworthy (the deprecated signed `min`/`max` only for numeric columns).
    func statisticsBounds(_ statistics: Statistics) -> (min: Value, max: Value)? {
        var low = statistics.minValue
        var high = statistics.maxValue
        if low == nil || high == nil, physicalType != .byteArray, physicalType != .fixedLenByteArray {
            low = statistics.min
            high = statistics.max
        }
        guard let low, let high, let minValue = statisticsValue(low), let maxValue = statisticsValue(high) else { return nil }
        return (minValue, maxValue)
    }

    /// Decodes one PLAIN-encoded statistics value.
    func statisticsValue(_ bytes: [UInt8]) -> Value? {
        var accumulator = ColumnValueAccumulator(type: field.type, capacity: 1)
        let plain: [UInt8]
        if physicalType == .byteArray {
            plain = withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { Array($0) } + bytes
        } else {
            plain = bytes
        }
        do {
            let reader = try ColumnChunkReader(descriptor: self, metaData: ColumnMetaData(type: physicalType, pathInSchema: []),
                                               filePath: "statistics")
            try plain.withUnsafeBytes { try reader.decodePlainValues($0, count: 1, into: &accumulator) }
        } catch {
            return nil
        }
        let column = accumulator.finish(validity: nil)
        return column.count == 1 ? column[0] : nil
    }
}
