import SluiceCore

/// Writes rows of nested values (structs, lists, maps) to one Parquet file, shredding them
/// into leaf columns (Dremel record shredding). Meant for small files of many shapes, such as
/// table checkpoints: rows are buffered until a row group is full, each leaf is then written
/// as PLAIN data pages v1, compressed with the options' codec. Dictionary encoding is not used.
///
/// Not thread-safe: one caller at a time. Call `close()` to write the footer and publish the
/// file, or `abort()` to drop it.
public final class NestedParquetWriter {
    public let schema: NestedSchema
    public let options: ParquetWriterOptions
    private let file: any WritableFile
    private let schemaElements: [SchemaElement]
    private let keyValueMetadata: [String: String]
    private var shredder: RecordShredder
    private var chunkWriters: [NestedColumnChunkWriter]
    private var rowGroups: [RowGroup] = []
    private var totalRowCount: Int64 = 0
    private var isClosed = false

    /// Starts a file: checks the schema and writes the leading magic.
    /// - Parameter keyValueMetadata: footer metadata, on top of `options.keyValueMetadata`
    ///   (this one wins for a key in both).
    /// - Throws: `SluiceError` (user input) for an unsupported codec or a schema Parquet cannot
    ///   store (an empty struct, duplicate field names, nesting deeper than 64 levels); (I/O)
    ///   when writing fails.
    public init(file: any WritableFile, schema: NestedSchema, options: ParquetWriterOptions = ParquetWriterOptions(),
                keyValueMetadata: [String: String] = [:]) throws {
        guard options.codec.isSupported else {
            throw SluiceError.userInput("codec \(options.codec.name) is not supported for writing; use SNAPPY, GZIP or UNCOMPRESSED")
        }
        schemaElements = try schema.schemaElements()
        // Shredding walks the same level tree the reader builds from these elements, so what is
        // written is laid out exactly as it will be read back.
        let layout: NestedSchemaLayout
        do {
            layout = try NestedSchemaLayout(elements: schemaElements, filePath: "(schema being written)")
        } catch let error as SluiceError {
            throw SluiceError.userInput("schema cannot be written: \(error.message)")
        }
        guard layout.schema == schema else {
            throw SluiceError.internal("nested schema \(schema) reads back as \(layout.schema)")
        }
        self.file = file
        self.schema = schema
        self.options = options
        self.keyValueMetadata = options.keyValueMetadata.merging(keyValueMetadata) { _, new in new }
        shredder = RecordShredder(layout: layout)
        chunkWriters = try layout.leaves.map { try NestedColumnChunkWriter(leaf: $0, options: options) }
        try file.write(ParquetFormat.magic)
    }

    /// Appends rows, each one value per top-level field. Rows are checked one at a time: when a
    /// row does not fit the schema, the rows before it are kept and the rest are not written.
    /// - Throws: `SluiceError` (user input) naming the field whose value does not fit (wrong
    ///   shape or type, null where the field is required, a decimal with too many digits).
    public func write(_ rows: [[NestedValue]]) throws {
        guard !isClosed else { throw SluiceError.internal("write after close") }
        for row in rows {
            try shredder.append(row: row)
            if shredder.rowCount >= options.rowGroupRowCountMax || shredder.bufferedSizeBytes >= options.rowGroupSizeBytesMax {
                try flushRowGroup()
            }
        }
    }

    /// Writes out the buffered rows as a row group now.
    public func flushRowGroup() throws {
        guard !isClosed else { throw SluiceError.internal("flush after close") }
        let rowCount = shredder.rowCount
        guard rowCount > 0 else { return }
        let buffers = shredder.take()
        let rowGroupStart = Int64(file.position)
        var chunks: [ColumnChunk] = []
        var uncompressedBytes: Int64 = 0
        for index in chunkWriters.indices {
            let finished = try chunkWriters[index].write(buffers[index])
            var metaData = finished.metaData
            metaData.dataPageOffset = Int64(file.position)
            try file.write(finished.bytes)
            uncompressedBytes += metaData.totalUncompressedSize
            chunks.append(ColumnChunk(fileOffset: 0, metaData: metaData))
        }
        var rowGroup = RowGroup(columns: chunks, totalByteSize: uncompressedBytes, numRows: Int64(rowCount))
        rowGroup.fileOffset = rowGroupStart
        rowGroup.totalCompressedSize = Int64(file.position) - rowGroupStart
        rowGroup.ordinal = Int16(truncatingIfNeeded: rowGroups.count)
        rowGroups.append(rowGroup)
        totalRowCount += Int64(rowCount)
    }

    /// Writes the last row group and the footer, then publishes the file. On failure the file
    /// is dropped.
    @discardableResult
    public func close() throws -> FileMetaData {
        guard !isClosed else { throw SluiceError.internal("close called twice") }
        do {
            try flushRowGroup()
            let metaData = ParquetFormat.footer(schema: schemaElements, leafCount: chunkWriters.count, numRows: totalRowCount,
                                                rowGroups: rowGroups, keyValues: keyValueMetadata, createdBy: options.createdBy)
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
}
