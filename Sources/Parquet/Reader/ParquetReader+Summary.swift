import SluiceCore

/// What `inspect` shows of one column chunk.
public struct ColumnChunkSummary: Sendable {
    public var column: String
    public var physicalType: String
    public var codec: String
    public var encodings: [String]
    public var compressedSizeBytes: Int64
    public var uncompressedSizeBytes: Int64
    public var valueCount: Int64
    public var nullCount: Int64?
    public var min: Value?
    public var max: Value?
}

/// What `inspect` shows of one flat column of the schema.
public struct ColumnSummary: Sendable {
    public var field: Field
    public var physicalType: String
    public var logicalType: String?
    public var repetition: String
}

extension ParquetReader {
    /// The schema as stored: physical and logical types next to the Sluice type.
    public var columnSummaries: [ColumnSummary] {
        (0..<schema.count).map { column in
            let descriptor = columnDescriptor(column)
            let element = descriptor.schemaElement(reading: metadata.schema, leafIndex: leafIndex(of: column))
            var physical = descriptor.physicalType.description
            if let length = descriptor.typeLength { physical += "(\(length))" }
            return ColumnSummary(field: descriptor.field, physicalType: physical,
                                 logicalType: element?.logicalType.map { "\($0)" } ?? element?.convertedType.map { "\($0)" },
                                 repetition: descriptor.isRequired ? "REQUIRED" : "OPTIONAL")
        }
    }

    /// Sizes, codec, encodings and statistics of each flat column's chunk in a row group.
    public func columnChunkSummaries(rowGroup index: Int) -> [ColumnChunkSummary] {
        let rowGroup = metadata.rowGroups[index]
        return (0..<schema.count).map { column in
            let metaData = rowGroup.columns[leafIndex(of: column)].metaData
            let descriptor = columnDescriptor(column)
            var summary = ColumnChunkSummary(
                column: descriptor.field.name, physicalType: descriptor.physicalType.description,
                codec: metaData.map { CompressionCodec(rawValue: $0.codecRawValue)?.name ?? "codec \($0.codecRawValue)" } ?? "-",
                encodings: metaData?.encodings.map(\.description) ?? [],
                compressedSizeBytes: metaData?.totalCompressedSize ?? 0,
                uncompressedSizeBytes: metaData?.totalUncompressedSize ?? 0,
                valueCount: metaData?.numValues ?? 0)
            if let statistics = metaData?.statistics {
                summary.nullCount = statistics.nullCount
                if let bounds = statisticsBounds(statistics, column: column) {
                    summary.min = bounds.min
                    summary.max = bounds.max
                }
            }
            return summary
        }
    }
}

extension ParquetColumnDescriptor {
    /// The footer's schema element of this column (found by leaf position).
    func schemaElement(reading elements: [SchemaElement], leafIndex: Int) -> SchemaElement? {
        var leaf = 0
        for element in elements.dropFirst() where (element.numChildren ?? 0) == 0 {
            if leaf == leafIndex { return element }
            leaf += 1
        }
        return nil
    }
}
