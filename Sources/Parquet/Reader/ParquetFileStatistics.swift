import SluiceCore

/// The range of values of one column across a whole file.
public struct ColumnValueRange: Sendable, Equatable {
    public var min: Value?
    public var max: Value?
    /// Nulls in the column, when every row group reported it.
    public var nullCount: Int64?

    public init(min: Value? = nil, max: Value? = nil, nullCount: Int64? = nil) {
        self.min = min
        self.max = max
        self.nullCount = nullCount
    }
}

extension ParquetReader {
    /// Min, max and null count of each flat column over all row groups, from the footer alone
    /// (no page is read). Min and max are nil when any row group lacks them.
    public var columnValueRanges: [ColumnValueRange] {
        (0..<schema.count).map { column in
            let descriptor = columnDescriptor(column)
            let chunks = metadata.rowGroups.map { $0.columns[leafIndex(of: column)].metaData }
            return ParquetReader.combinedRange(descriptor, chunks, rowCounts: metadata.rowGroups.map(\.numRows))
        }
    }

    /// Min, max and null count of each column of a file Sluice just wrote with `schema`, from
    /// the footer the writer returned; lets a table commit file statistics without reopening it.
    public static func columnValueRanges(of metadata: FileMetaData, schema: Schema) -> [ColumnValueRange] {
        schema.fields.enumerated().map { index, field in
            let descriptor = ParquetColumnDescriptor(writing: field)
            let chunks = metadata.rowGroups.map { $0.columns.count > index ? $0.columns[index].metaData : nil }
            return combinedRange(descriptor, chunks, rowCounts: metadata.rowGroups.map(\.numRows))
        }
    }

    private static func combinedRange(_ descriptor: ParquetColumnDescriptor, _ chunks: [ColumnMetaData?],
                                      rowCounts: [Int64]) -> ColumnValueRange {
        var range = ColumnValueRange(nullCount: 0)
        var boundsKnown = true
        for (chunk, rowCount) in zip(chunks, rowCounts) where rowCount > 0 {
            guard let statistics = chunk?.statistics else {
                range.nullCount = nil
                boundsKnown = false
                continue
            }
            if let nulls = statistics.nullCount, let total = range.nullCount {
                range.nullCount = total + nulls
            } else {
                range.nullCount = nil
            }
            if statistics.nullCount == rowCount { continue }  // An all-null chunk has no bounds.
            guard let bounds = descriptor.statisticsBounds(statistics) else {
                boundsKnown = false
                continue
            }
            if let low = range.min, let order = bounds.min.compare(to: low), order >= 0 {} else { range.min = bounds.min }
            if let high = range.max, let order = bounds.max.compare(to: high), order <= 0 {} else { range.max = bounds.max }
        }
        if !boundsKnown {
            range.min = nil
            range.max = nil
        }
        return range
    }
}
