import Parquet
import SluiceCore

/// Writes rows into one Parquet file: rows are gathered into batches of the file's schema and
/// handed to a `ParquetWriter`, so memory stays near one batch plus the open row group.
///
/// Not thread-safe: one task owns one writer. `close()` publishes the file, `abort()` drops it.
final class ParquetRowWriter {
    static let batchRowCount = 8192

    private let writer: ParquetWriter
    private let file: any WritableFile
    private var batch: RowBatchBuilder
    private(set) var rowCount = 0

    /// - Throws: `SluiceError` (user input) for an unsupported codec; (I/O) when writing fails.
    init(file: any WritableFile, schema: Schema, options: ParquetWriterOptions) throws {
        self.file = file
        do {
            writer = try ParquetWriter(file: file, schema: schema, options: options)
        } catch {
            file.abort()
            throw error
        }
        batch = RowBatchBuilder(schema: schema, capacity: ParquetRowWriter.batchRowCount)
    }

    /// About the size of the file if it were closed now.
    var bytesWritten: Int { writer.bytesWritten }

    /// - Throws: `SluiceError` (user input) naming the column when a value does not fit it.
    func append(_ row: Row) throws {
        try batch.append(row)
        rowCount += 1
        if batch.rowCount >= ParquetRowWriter.batchRowCount { try writer.write(batch.finish()) }
    }

    /// Writes the rest and the footer; the file appears whole.
    @discardableResult
    func close() throws -> FileMetaData {
        if batch.rowCount > 0 { try writer.write(batch.finish()) }
        return try writer.close()
    }

    func abort() {
        writer.abort()
    }
}
