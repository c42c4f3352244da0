import Parquet
import SluiceCore
import Warehouse

extension DataflowContext {
    /// The rows of a warehouse table at its newest version, or at `version` (time travel): one
    /// partition per data file of that snapshot, preferring the hosts of the file's first block.
    ///
    /// The snapshot is read once, on the driver, so every task reads the same version even when
    /// commits land meanwhile. Rows have the table's schema: partition columns come from the
    /// log, columns a file lacks (added after it was written) are null, and narrower stored types
    /// are widened, as `TableScan` does.
    ///
    /// - Parameters:
    ///   - location: the table's folder: a path, `file://` or `dfs://` URI.
    ///   - version: the version to read; the newest when nil.
    /// - Throws: `SluiceError` (user input, `.notFound`) when there is no table or no such version.
    public func table(_ location: String, version: Int? = nil) throws -> Dataset<Row> {
        let (fileSystem, path) = try environment.fileSystems.resolve(location)
        let table = try Table(fileSystem: fileSystem, path: path)
        let snapshot = try version.map { try table.snapshot(version: Int64($0)) } ?? table.snapshot()
        let splits = try snapshot.files.map { file in
            let dataPath = table.dataFilePath(file.path)
            return TableFileSplit(file: file, path: dataPath, hosts: try BlockHosts.blocks(of: dataPath, in: fileSystem).first?.hosts ?? [])
        }
        let layout = RowLayout.of(snapshot.schema)
        return Dataset(context: self, name: "table", partitionCount: max(1, splits.count), dependencies: [],
                       locations: { partition in partition < splits.count ? splits[partition].hosts : [] }) { task, partition, emit in
            guard partition < splits.count else { return }
            let split = splits[partition]
            guard fileSystem.exists(split.path) else {
                throw SluiceError.data("version \(snapshot.version) of table \(path) names data file \(split.file.path), which is missing",
                                       at: SourceLocation(file: split.path))
            }
            let reader = try ParquetReader(fileSystem: fileSystem, path: split.path)
            let partitionValues = try snapshot.partitionValues(of: split.file)
            for rowGroup in 0..<reader.rowGroupCount {
                let stored = try reader.readRowGroup(rowGroup)
                let batch = try DataflowContext.widen(stored, to: snapshot.schema, partitionValues: partitionValues, path: split.path)
                for row in 0..<batch.rowCount { try emit(Row(layout: layout, values: batch.row(row))) }
                task.metrics.recordsRead += batch.rowCount
            }
            task.metrics.bytesRead += Int(split.file.size)
        }
    }

    /// A data file's batch as rows of the table schema: partition values repeated, absent
    /// columns null, other types converted.
    static func widen(_ batch: RecordBatch, to schema: Schema, partitionValues: [String: Value], path: String) throws -> RecordBatch {
        let columns = try schema.fields.map { field -> Column in
            if let value = partitionValues[field.name] {
                return try Column.repeating(value, type: field.type, count: batch.rowCount)
            }
            guard let column = batch.column(named: field.name) else { return Column.nulls(type: field.type, count: batch.rowCount) }
            do {
                return column.type == field.type ? column : try column.converted(to: field.type, name: field.name)
            } catch let error as SluiceError {
                throw error.located(SourceLocation(file: path))
            }
        }
        return RecordBatch(schema: schema, columns: columns, rowCount: batch.rowCount)
    }
}
