import Parquet
import SluiceCore

extension Dataset where Element == Row {
    /// Saves the rows as Parquet part files `part-00000.parquet`, `part-00001.parquet`, ... in the
    /// folder at `location`, one per partition written by its task through the file system, then
    /// an empty `_SUCCESS` file once every part is there. A retried task rewrites its part file;
    /// a failed attempt's file is never published.
    ///
    /// Rows are matched to `schema` by column name, so rows of another layout (more columns,
    /// other order, INT32 for INT64) are written as `schema` says. To save a dataset of another
    /// type, map its elements to rows first (see `Row`).
    ///
    /// - Parameters:
    ///   - location: the output folder: a path, `file://` or `dfs://` URI.
    ///   - schema: the files' columns.
    ///   - codec: the page compression.
    ///   - overwrite: replace an existing folder instead of failing.
    /// - Throws: `SluiceError.userInput` when the folder already exists and `overwrite` is false,
    ///   or the codec cannot be written; `JobFailure` when a task fails (a value that does not fit
    ///   its column, a null in a NOT NULL column).
    public func saveAsParquet(to location: String, schema: Schema, codec: CompressionCodec = .snappy,
                              overwrite: Bool = false) async throws {
        guard codec.isSupported else {
            throw SluiceError.userInput("codec \(codec.name) is not supported for writing; use SNAPPY, GZIP or UNCOMPRESSED")
        }
        let (fileSystem, folder) = try context.environment.fileSystems.resolve(location)
        // The folder is the driver's to prepare and to mark done; a worker only writes its parts.
        let isDriver = context.environment.role == .driver
        if isDriver {
            try OutputFolder.prepare(folder, location: location, fileSystem: fileSystem, overwrite: overwrite)
        }
        let options = ParquetWriterOptions(codec: codec)
        _ = try await runJob("saveAsParquet") { task, partition in
            let path = "\(folder)/\(TextPartWriter.partFileName(partition)).parquet"
            let writer = try ParquetRowWriter(file: fileSystem.create(path, overwrite: true), schema: schema, options: options)
            do {
                try self.compute(task, partition: partition) { row in try writer.append(row) }
                try writer.close()
            } catch {
                writer.abort()
                throw error
            }
            task.metrics.recordsWritten += writer.rowCount
            return writer.rowCount
        }
        if isDriver { try fileSystem.write([], to: "\(folder)/_SUCCESS", overwrite: true) }
    }
}
