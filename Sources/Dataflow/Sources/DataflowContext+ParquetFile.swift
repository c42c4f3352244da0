import Parquet
import SluiceCore

extension DataflowContext {
    /// The rows of a Parquet file, or of every file in a folder: one partition per row group,
    /// preferring the hosts of the block holding most of the row group's bytes.
    ///
    /// The footers are read on the driver to plan the splits; each task decodes one row group,
    /// only the columns asked for. The schema is the first file's (projected to `columns`);
    /// other files must have those columns, and values of another type are converted where no
    /// value changes. A Parquet file is not a sequence of separately parsable records, so a
    /// corrupt page fails its task whatever the bad-record policy, with the file and byte offset.
    ///
    /// - Parameters:
    ///   - location: a file or folder: a path, `file://` or `dfs://` URI.
    ///   - columns: the columns to read, in this order (all when nil).
    /// - Throws: `SluiceError` (user input) when nothing is at `location` or a column is
    ///   unknown; (data) when a footer is corrupt.
    public func parquetFile(_ location: String, columns: [String]? = nil) throws -> Dataset<Row> {
        let (fileSystem, path) = try environment.fileSystems.resolve(location)
        let files = try FileSplitPlanner.inputFiles(path, fileSystem: fileSystem)
        var plannedSplits: [ParquetRowGroupSplit] = []
        var rowSchema: Schema?
        for file in files where file.sizeBytes > 0 {
            let reader = try ParquetReader(fileSystem: fileSystem, path: file.path)
            if rowSchema == nil {
                rowSchema = try columns.map { try reader.schema.projecting($0) } ?? reader.schema
            }
            let blocks = try BlockHosts.blocks(of: file.path, in: fileSystem)
            for index in 0..<reader.rowGroupCount {
                let range = DataflowContext.byteRange(of: reader.metadata.rowGroups[index])
                plannedSplits.append(ParquetRowGroupSplit(path: file.path, rowGroup: index, byteRange: range,
                                                   hosts: BlockHosts.hosts(for: range, in: blocks)))
            }
        }
        let layout = RowLayout.of(rowSchema ?? Schema([]))
        let splits = plannedSplits
        return Dataset(context: self, name: "parquetFile", partitionCount: max(1, splits.count), dependencies: [],
                       locations: { partition in partition < splits.count ? splits[partition].hosts : [] }) { task, partition, emit in
            guard partition < splits.count else { return }
            let split = splits[partition]
            let reader = try ParquetReader(fileSystem: fileSystem, path: split.path)
            let indices = try reader.columnIndices(layout.schema.fields.map(\.name))
            let batch = try DataflowContext.conform(reader.readRowGroup(split.rowGroup, columns: indices), to: layout.schema,
                                                    path: split.path)
            for row in 0..<batch.rowCount { try emit(Row(layout: layout, values: batch.row(row))) }
            task.metrics.recordsRead += batch.rowCount
            task.metrics.bytesRead += split.byteRange.count
        }
    }

    /// The bytes of a row group's column chunks (from the earliest chunk start to the latest end).
    static func byteRange(of rowGroup: RowGroup) -> Range<Int> {
        var start = Int.max
        var end = 0
        for chunk in rowGroup.columns {
            guard let metaData = chunk.metaData else { continue }
            var chunkStart = Int(metaData.dataPageOffset)
            if let dictionary = metaData.dictionaryPageOffset, dictionary > 0, Int(dictionary) < chunkStart {
                chunkStart = Int(dictionary)
            }
            start = min(start, chunkStart)
            end = max(end, chunkStart + Int(metaData.totalCompressedSize))
        }
        return start <= end ? start..<end : 0..<0
    }

    /// A batch with the columns of `schema` (same names, in order), types converted where they
    /// differ.
    /// - Throws: `SluiceError` (data) naming the file and column when a value does not convert.
    static func conform(_ batch: RecordBatch, to schema: Schema, path: String) throws -> RecordBatch {
        if batch.schema.fields.map(\.type) == schema.fields.map(\.type) {
            return RecordBatch(schema: schema, columns: batch.columns, rowCount: batch.rowCount)
        }
        do {
            let columns = try zip(schema.fields, batch.columns).map { field, column in
                column.type == field.type ? column : try column.converted(to: field.type, name: field.name)
            }
            return RecordBatch(schema: schema, columns: columns, rowCount: batch.rowCount)
        } catch let error as SluiceError {
            throw error.located(SourceLocation(file: path))
        }
    }
}
