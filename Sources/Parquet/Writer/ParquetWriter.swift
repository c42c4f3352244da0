import SluiceCore

/// Writes record batches to one Parquet file, streaming: rows are buffered as encoded pages
/// until a row group is full, then written out, so memory is bounded by the row group size
/// whatever the file size. Flat schemas only (every Sluice type is a flat leaf).
///
/// Not thread-safe: one caller at a time. Call `close()` to write the footer and publish the
/// file, or `abort()` to drop it.
public final class ParquetWriter {
    public let schema: Schema
    public let options: ParquetWriterOptions
    private let file: any WritableFile
    private var columnWriters: [ColumnChunkWriter]
    private var rowGroups: [RowGroup] = []
    private var rowGroupRowCount = 0
    private var totalRowCount: Int64 = 0
    private var isClosed = false

    /// Starts a file: writes the leading magic.
    /// - Throws: `SluiceError` (user input) for an unsupported codec, (I/O) when writing fails.
    public init(file: any WritableFile, schema: Schema, options: ParquetWriterOptions = ParquetWriterOptions()) throws {
        guard options.codec.isSupported else {
            throw SluiceError.userInput("codec \(options.codec.name) is not supported for writing; use SNAPPY, GZIP or UNCOMPRESSED")
        }
        self.file = file
        self.schema = schema
        self.options = options
        self.columnWriters = try schema.fields.map {
            try ColumnChunkWriter(descriptor: ParquetColumnDescriptor(writing: $0), options: options)
        }
        try file.write(ParquetFormat.magic)
    }

    /// Bytes written to the file so far plus the encoded rows buffered for the open row group:
    /// about the size the file would have if closed now.
    public var bytesWritten: Int {
        file.position + columnWriters.reduce(0) { $0 + $1.bufferedSizeBytes }
    }

    /// Appends a batch's rows.
    /// - Throws: `SluiceError` (user input) when the batch's schema differs or a non-nullable
    ///   column holds nulls.
    public func write(_ batch: RecordBatch) throws {
        guard !isClosed else { throw SluiceError.internal("write after close") }
        guard batch.schema.fields.map(\.type) == schema.fields.map(\.type) else {
            throw SluiceError.userInput("batch schema (\(batch.schema)) differs from the file's (\(schema))")
        }
        for (field, column) in zip(schema.fields, batch.columns) {
            if !field.isNullable, column.nullCount > 0 {
                throw SluiceError.userInput("column '\(field.name)' is NOT NULL but the data has \(column.nullCount) nulls")
            }
            if case .decimal(let precision, _) = field.type {
                try ParquetWriter.checkDecimalDigits(column, precision: precision, name: field.name)
            }
        }
        var start = 0
        while start < batch.rowCount {
            let end = min(batch.rowCount, start + (options.rowGroupRowCountMax - rowGroupRowCount))
            for (index, column) in batch.columns.enumerated() {
                try columnWriters[index].append(column, rows: start..<end)
            }
            rowGroupRowCount += end - start
            start = end
            let bufferedBytes = columnWriters.reduce(0) { $0 + $1.bufferedSizeBytes }
            if rowGroupRowCount >= options.rowGroupRowCountMax || bufferedBytes >= options.rowGroupSizeBytesMax {
                try flushRowGroup()
            }
        }
    }

    /// Decimals are written at their declared precision (as INT32, INT64 or a fixed byte
    /// width), so a value with more digits would be cut; refuse it instead.
    private static func checkDecimalDigits(_ column: Column, precision: Int, name: String) throws {
        let bound = Decimal128.powerOfTen(precision)
        let tooWide: Int128?
        switch column.values {
        case .int64(let values): tooWide = values.first { Int128($0).magnitude >= bound.magnitude }.map { Int128($0) }
        case .int128(let values): tooWide = values.first { $0.magnitude >= bound.magnitude }
        default: tooWide = nil
        }
        if let tooWide {
            throw SluiceError.userInput("column '\(name)' holds \(tooWide) (unscaled), more than its \(precision) digits")
        }
    }

    /// Writes out the buffered rows as a row group now.
    public func flushRowGroup() throws {
        guard rowGroupRowCount > 0 else { return }
        let rowGroupStart = Int64(file.position)
        var chunks: [ColumnChunk] = []
        var uncompressedBytes: Int64 = 0
        for index in columnWriters.indices {
            let finished = try columnWriters[index].finishChunk()
            let chunkStart = Int64(file.position)
            var metaData = finished.metaData
            if finished.dictionaryPageSizeBytes > 0 {
                metaData.dictionaryPageOffset = chunkStart
            }
            metaData.dataPageOffset = chunkStart + Int64(finished.dictionaryPageSizeBytes)
            try finished.bytes.withUnsafeBytes { try file.write($0) }
            uncompressedBytes += metaData.totalUncompressedSize
            chunks.append(ColumnChunk(fileOffset: 0, metaData: metaData))
        }
        var rowGroup = RowGroup(columns: chunks, totalByteSize: uncompressedBytes, numRows: Int64(rowGroupRowCount))
        rowGroup.fileOffset = rowGroupStart
        rowGroup.totalCompressedSize = Int64(file.position) - rowGroupStart
        rowGroup.ordinal = Int16(truncatingIfNeeded: rowGroups.count)
        rowGroups.append(rowGroup)
        totalRowCount += Int64(rowGroupRowCount)
        rowGroupRowCount = 0
    }

    /// Writes the last row group and the footer, then publishes the file.
    @discardableResult
    public func close() throws -> FileMetaData {
        guard !isClosed else { throw SluiceError.internal("close called twice") }
        do {
            try flushRowGroup()
            var keyValues = options.keyValueMetadata
            for (key, value) in schema.metadata where keyValues[key] == nil { keyValues[key] = value }
            let metaData = ParquetFormat.footer(schema: footerSchema(), leafCount: schema.count, numRows: totalRowCount,
                                                rowGroups: rowGroups, keyValues: keyValues, createdBy: options.createdBy)
            try ParquetFormat.writeFooter(metaData, to: file)
            isClosed = true
            return metaData
        } catch {
            abort()
            throw error
        }
    }

    /// Drops the file: nothing is published under its name.
    public func abort() {
        isClosed = true
        file.abort()
    }

    private func footerSchema() -> [SchemaElement] {
        var root = SchemaElement(name: "schema")
        root.numChildren = Int32(schema.count)
        return [root] + columnWriters.map(\.descriptor.schemaElement)
    }
}

/// Constants of the file layout.
enum ParquetFormat {
    static let magic: [UInt8] = Array("PAR1".utf8)
    /// Footer length (4 bytes) plus trailing magic (4 bytes).
    static let trailerSizeBytes = 8

    /// The footer of a file Sluice wrote: version 1, key-value metadata sorted by key, and the
    /// type-defined column order for every leaf (without which min/max statistics mean nothing).
    static func footer(schema: [SchemaElement], leafCount: Int, numRows: Int64, rowGroups: [RowGroup],
                       keyValues: [String: String], createdBy: String) -> FileMetaData {
        var metaData = FileMetaData(version: 1, schema: schema, numRows: numRows, rowGroups: rowGroups)
        if !keyValues.isEmpty {
            metaData.keyValueMetadata = keyValues.sorted { $0.key < $1.key }.map { KeyValue(key: $0.key, value: $0.value) }
        }
        metaData.createdBy = createdBy
        metaData.columnOrders = Array(repeating: .typeDefinedOrder, count: leafCount)
        return metaData
    }

    /// Ends a file: the footer, its length, the magic; then publishes it.
    static func writeFooter(_ metaData: FileMetaData, to file: any WritableFile) throws {
        let footer = metaData.encoded()
        try file.write(footer)
        try file.write(withUnsafeBytes(of: UInt32(footer.count).littleEndian) { Array($0) })
        try file.write(magic)
        try file.close()
    }
}
