import Parquet
import SluiceCore
import Warehouse

/// Writes one task's rows as data files of a table, without committing them: a file per
/// partition value (Hive folders `column=value/`), rolled past the table's target file size.
/// The task returns the `AddFile`s; the driver commits the successful attempts' files.
///
/// File names carry the write's id, the partition and the attempt, so attempts of one task never
/// collide and a failed attempt's files are never named by the commit.
///
/// Not thread-safe: one task owns one writer.
final class TablePartWriter {
    /// Files open at once at most; past it all are finished (more, smaller files instead of
    /// unbounded memory when a task touches many partitions).
    static let openFilesMax = 32

    private let fileSystem: any FileSystem
    private let tablePath: String
    private let schema: Schema
    private let dataSchema: Schema
    private let partitionColumns: [String]
    private let partitionIndices: [Int]
    private let fileStem: String
    private let targetFileSizeBytes: Int
    private let clock: any WallClock
    private var openFiles: [[String?]: (writer: ParquetRowWriter, relativePath: String)] = [:]
    private var mapping: (layout: RowLayout, positions: [Int?])?
    private var fileCount = 0
    private(set) var finished: [AddFile] = []
    private(set) var rowCount = 0

    /// - Parameters:
    ///   - schema: the table's schema (partition columns included).
    ///   - fileStem: the start of every file name, unique to the attempt.
    init(fileSystem: any FileSystem, tablePath: String, schema: Schema, partitionColumns: [String], fileStem: String,
         targetFileSizeBytes: Int, clock: any WallClock) {
        self.fileSystem = fileSystem
        self.tablePath = tablePath
        self.schema = schema
        self.partitionColumns = partitionColumns
        partitionIndices = partitionColumns.compactMap { schema.index(of: $0) }
        dataSchema = Schema(schema.fields.filter { !partitionColumns.contains($0.name) })
        self.fileStem = fileStem
        self.targetFileSizeBytes = targetFileSizeBytes
        self.clock = clock
    }

    /// - Throws: `SluiceError` (user input) naming the column when a value does not fit it.
    func append(_ row: Row) throws {
        let key = try partitionKey(of: row)
        if openFiles[key] == nil {
            if openFiles.count >= TablePartWriter.openFilesMax { try finishOpenFiles() }
            openFiles[key] = try openFile(key)
        }
        let writer = openFiles[key]!.writer
        try writer.append(row)
        rowCount += 1
        if writer.bytesWritten >= targetFileSizeBytes { try finishFile(key) }
    }

    /// Finishes every open file; returns all files written.
    func finish() throws -> [AddFile] {
        try finishOpenFiles()
        return finished
    }

    /// Drops open files and deletes the finished ones: nothing of this attempt stays behind.
    func abort() {
        for (_, open) in openFiles { open.writer.abort() }
        openFiles = [:]
        for file in finished { try? fileSystem.delete(tablePath + "/" + DeltaPath.decode(file.path), recursive: false) }
        finished = []
    }

    /// The partition values of a row as the log writes them (nil is null).
    private func partitionKey(of row: Row) throws -> [String?] {
        guard !partitionIndices.isEmpty else { return [] }
        if mapping == nil || mapping!.layout !== row.layout {
            mapping = (row.layout, partitionColumns.map { row.layout.index(of: $0) })
        }
        return try zip(partitionIndices, mapping!.positions).map { index, position in
            let field = schema.fields[index]
            let value = position.map { row.values[$0] } ?? .null
            guard let typed = value.converted(to: field.type) else {
                throw SluiceError.userInput("partition column '\(field.name)': value \(value) is not a \(field.type)",
                                            at: SourceLocation(field: field.name))
            }
            return PartitionValue.serialize(typed)
        }
    }

    private func openFile(_ key: [String?]) throws -> (writer: ParquetRowWriter, relativePath: String) {
        let folders = zip(partitionColumns, key).map { PartitionValue.folderName(column: $0, value: $1) }
        let name = "\(fileStem)-c\(fileCount).snappy.parquet"
        fileCount += 1
        let relativePath = (folders + [name]).joined(separator: "/")
        var options = ParquetWriterOptions(codec: .snappy)
        options.rowGroupSizeBytesMax = 64 << 20
        let file = try fileSystem.create(tablePath + "/" + relativePath, overwrite: true)
        return (try ParquetRowWriter(file: file, schema: dataSchema, options: options), relativePath)
    }

    private func finishOpenFiles() throws {
        for key in Array(openFiles.keys) { try finishFile(key) }
    }

    private func finishFile(_ key: [String?]) throws {
        guard let (writer, relativePath) = openFiles.removeValue(forKey: key) else { return }
        let metadata: FileMetaData
        do {
            metadata = try writer.close()
        } catch {
            writer.abort()
            throw error
        }
        let size = try fileSystem.status(tablePath + "/" + relativePath).sizeBytes
        let ranges = ParquetReader.columnValueRanges(of: metadata, schema: dataSchema)
        let statistics = FileStatistics(numRecords: metadata.numRows,
                                        ranges: Dictionary(uniqueKeysWithValues: zip(dataSchema.fields.map(\.name), ranges)))
        var values: [String: String?] = [:]
        for (column, value) in zip(partitionColumns, key) { values[column] = .some(value) }
        finished.append(AddFile(path: DeltaPath.encode(relativePath), partitionValues: values, size: Int64(size),
                                modificationTime: clock.nowMillis(), dataChange: true, stats: try statistics.json()))
    }
}
