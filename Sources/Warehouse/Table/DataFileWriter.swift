import Foundation
import Parquet
import SluiceCore

/// Writes the data files of one partition of one write: rolls to a new file past the target
/// size and, when the table has a sort key, buffers a file's worth of rows and sorts them before
/// writing, so every file is ordered by the key.
final class DataFileWriter {
    private let table: Table
    private let schema: Schema
    private let partitionColumns: [String]
    private let partitionValues: [String?]
    private let sortColumns: [String]
    private let targetFileSizeBytes: Int
    private var current: (writer: ParquetWriter, relativePath: String)?
    private var sortBuffer: [RecordBatch] = []
    private var sortBufferBytes = 0

    /// Compression makes files several times smaller than rows in memory; sorting buffers this
    /// multiple of the target file size.
    private static let inMemoryToFileRatio = 3

    init(table: Table, schema: Schema, partitionColumns: [String], partitionValues: [String?], sortColumns: [String],
         targetFileSizeBytes: Int) {
        self.table = table
        self.schema = schema
        self.partitionColumns = partitionColumns
        self.partitionValues = partitionValues
        self.sortColumns = sortColumns
        self.targetFileSizeBytes = targetFileSizeBytes
    }

    /// Takes rows of this partition; returns the files finished meanwhile.
    func write(_ batch: RecordBatch) throws -> [AddFile] {
        if sortColumns.isEmpty { return try writeUnsorted(batch) }
        sortBuffer.append(batch)
        sortBufferBytes += batch.sizeBytes
        guard sortBufferBytes >= targetFileSizeBytes * DataFileWriter.inMemoryToFileRatio else { return [] }
        return try flushSorted()
    }

    /// Finishes the open file and any buffered rows.
    func finish() throws -> [AddFile] {
        var finished = try flushSorted()
        if let file = try closeCurrent() { finished.append(file) }
        return finished
    }

    func abort() {
        current?.writer.abort()
        current = nil
        sortBuffer = []
    }

    private func flushSorted() throws -> [AddFile] {
        guard !sortBuffer.isEmpty else { return [] }
        let rows = try RecordBatch.concatenate(sortBuffer, schema: schema).sorted(by: sortColumns)
        sortBuffer = []
        sortBufferBytes = 0
        var finished = try writeUnsorted(rows)
        if let file = try closeCurrent() { finished.append(file) }
        return finished
    }

    private func writeUnsorted(_ batch: RecordBatch) throws -> [AddFile] {
        if current == nil { try openFile() }
        try current!.writer.write(batch)
        guard current!.writer.bytesWritten >= targetFileSizeBytes else { return [] }
        return try closeCurrent().map { [$0] } ?? []
    }

    private func openFile() throws {
        let folders = zip(partitionColumns, partitionValues).map { PartitionValue.folderName(column: $0, value: $1) }
        let name = "part-00000-\(UUID().uuidString.lowercased())-c000.snappy.parquet"
        let relativePath = (folders + [name]).joined(separator: "/")
        let file = try table.fileSystem.create(table.path + "/" + relativePath, overwrite: false)
        var options = ParquetWriterOptions(codec: .snappy)
        options.rowGroupSizeBytesMax = 64 * 1024 * 1024
        do {
            current = (try ParquetWriter(file: file, schema: schema, options: options), relativePath)
        } catch {
            file.abort()
            throw error
        }
    }

    private func closeCurrent() throws -> AddFile? {
        guard let (writer, relativePath) = current else { return nil }
        current = nil
        let metadata = try writer.close()
        let absolutePath = table.path + "/" + relativePath
        let size = try table.fileSystem.status(absolutePath).sizeBytes
        let ranges = ParquetReader.columnValueRanges(of: metadata, schema: schema)
        let statistics = FileStatistics(numRecords: metadata.numRows,
                                        ranges: Dictionary(uniqueKeysWithValues: zip(schema.fields.map(\.name), ranges)))
        var values: [String: String?] = [:]
        for (column, value) in zip(partitionColumns, partitionValues) { values[column] = .some(value) }
        return AddFile(path: DeltaPath.encode(relativePath), partitionValues: values, size: Int64(size),
                       modificationTime: table.clock.nowMillis(), dataChange: true, stats: try statistics.json())
    }
}
