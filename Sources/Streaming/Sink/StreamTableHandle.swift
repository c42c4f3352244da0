import Foundation
import Parquet
import SluiceCore
import Warehouse

/// A sink's table: opened (or created with the sink's schema) on first use, plus the file
/// writing the table sinks share.
///
/// Not thread-safe: the query's driver thread owns it.
final class StreamTableHandle {
    let location: String
    let schema: Schema
    let fileSystems: FileSystemRegistry
    let clock: any WallClock
    private var opened: Table?

    init(location: String, schema: Schema, fileSystems: FileSystemRegistry, clock: any WallClock) {
        self.location = location
        self.schema = schema
        self.fileSystems = fileSystems
        self.clock = clock
    }

    /// The table, created with the sink's schema when nothing is at the location.
    /// - Throws: a user error when an existing table lacks a column the sink writes.
    func table() throws -> Table {
        if let opened { return opened }
        let resolved = try fileSystems.resolve(location)
        let table: Table
        do {
            table = try Table(fileSystem: resolved.fileSystem, path: resolved.path, clock: clock)
        } catch let error as SluiceError where error.condition == .notFound {
            do {
                table = try Table.create(fileSystem: resolved.fileSystem, path: resolved.path, schema: schema, clock: clock)
            } catch let error as SluiceError where error.condition == .alreadyExists {
                table = try Table(fileSystem: resolved.fileSystem, path: resolved.path, clock: clock)
            }
        }
        let existing = try table.snapshot().schema
        for field in schema.fields where existing[field.name] == nil {
            throw SluiceError.userInput("table \(location) has no column '\(field.name)' that the stream writes; "
                                        + "its columns are \(existing.fields.map(\.name).joined(separator: ", "))")
        }
        opened = table
        return table
    }

    /// Rows of the sink's schema as one batch.
    func batch(_ rows: [[Value]]) throws -> RecordBatch {
        var builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: rows.count) }
        for row in rows {
            for index in builders.indices {
                do {
                    try builders[index].append(row[index])
                } catch let error as SluiceError {
                    throw SluiceError.userInput("column '\(schema.fields[index].name)' of \(location): \(error.message)",
                                                at: SourceLocation(field: schema.fields[index].name))
                }
            }
        }
        return RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish() }, rowCount: rows.count)
    }

    /// Writes a Parquet data file named `name` in the table folder (replacing one of that name
    /// left by an attempt that never committed) and describes it for an `add` action.
    func writeDataFile(_ batch: RecordBatch, name: String, table: Table, tags: [String: String]? = nil) throws -> AddFile {
        let path = table.path + "/" + name
        let file = try table.fileSystem.create(path, overwrite: true)
        let metadata: FileMetaData
        do {
            let writer = try ParquetWriter(file: file, schema: schema, options: ParquetWriterOptions(codec: .snappy))
            try writer.write(batch)
            metadata = try writer.close()
        } catch {
            file.abort()
            throw error
        }
        let ranges = ParquetReader.columnValueRanges(of: metadata, schema: schema)
        let statistics = FileStatistics(numRecords: metadata.numRows,
                                        ranges: Dictionary(uniqueKeysWithValues: zip(schema.fields.map(\.name), ranges)))
        return AddFile(path: name, partitionValues: [:], size: Int64(try table.fileSystem.status(path).sizeBytes),
                       modificationTime: clock.nowMillis(), dataChange: true, stats: try statistics.json(), tags: tags)
    }

    /// An application id as a file name part.
    static func fileNamePart(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
    }
}
