import Foundation
import SluiceCore
import Warehouse

extension Dataset where Element == Row {
    /// Saves the rows into a warehouse table as ONE atomic commit: every task writes Parquet data
    /// files into the table's folder (Hive partition folders for `partitionBy`), returns them, and
    /// the driver commits all of them in a single new version. Readers see all rows or none.
    ///
    /// A retried task's earlier attempts delete their own files; only the successful attempt's
    /// files are returned and committed, so a failed attempt's file is never referenced (one left
    /// by a crashed process is unreferenced and `vacuum` removes it). When the commit fails, the
    /// written files are deleted; when the job fails, the table is unchanged and files of tasks
    /// that had finished stay unreferenced until `vacuum`.
    ///
    /// A missing table is created first (its own version 0) with `schema`, or the first row's
    /// schema when none is given (computing one partition up to its first row), partitioned by
    /// `partitionBy`. Rows are matched to the table's columns by name. Files are not sorted by
    /// the table's sort columns; `optimize` orders them.
    ///
    /// - Parameters:
    ///   - location: the table's folder: a path, `file://` or `dfs://` URI.
    ///   - schema: the columns of a table that does not exist yet.
    ///   - mode: `.append` adds the rows; `.overwrite` replaces the table's rows in the same commit.
    ///   - partitionBy: partition columns of a new table; for an existing table, empty or its own.
    /// - Returns: the version committed.
    /// - Throws: `SluiceError.userInput` for a mismatched `partitionBy`, a new table without rows
    ///   or schema, or (condition `.commitConflict`) a concurrent commit this one contradicts;
    ///   `JobFailure` when a task fails.
    @discardableResult
    public func saveAsTable(_ location: String, schema: Schema? = nil, mode: WriteMode = .append,
                            partitionBy: [String] = []) async throws -> Int64 {
        let (fileSystem, path) = try context.environment.fileSystems.resolve(location)
        let table = try await openOrCreateTable(fileSystem: fileSystem, path: path, schema: schema, partitionBy: partitionBy)
        let snapshot = try table.snapshot()
        if !partitionBy.isEmpty, partitionBy != snapshot.partitionColumns {
            throw SluiceError.userInput("table \(location) is partitioned by [\(snapshot.partitionColumns.joined(separator: ", "))], not [\(partitionBy.joined(separator: ", "))]")
        }
        if mode == .overwrite, snapshot.properties[TableProperty.appendOnly] == "true" {
            throw SluiceError.userInput("table \(location) is append-only (delta.appendOnly)")
        }
        let writeId = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let tableSchema = snapshot.schema
        let partitionColumns = snapshot.partitionColumns
        let targetFileSizeBytes = snapshot.targetFileSizeBytes
        let clock = table.clock
        let results = try await runJob("saveAsTable") { task, partition in
            let writer = TablePartWriter(
                fileSystem: fileSystem, tablePath: path, schema: tableSchema, partitionColumns: partitionColumns,
                fileStem: "\(TextPartWriter.partFileName(partition))-\(writeId)-a\(task.attemptNumber)",
                targetFileSizeBytes: targetFileSizeBytes, clock: clock)
            do {
                try self.compute(task, partition: partition) { row in try writer.append(row) }
                let files = try writer.finish()
                task.metrics.recordsWritten += writer.rowCount
                return TablePartResult(addFilesJSON: Array(try JSONEncoder().encode(files)), rowCount: writer.rowCount)
            } catch {
                writer.abort()
                throw error
            }
        }
        // A worker rebuilding a later action passes through here with the driver's results: the
        // commit is the driver's alone.
        guard context.environment.role == .driver else { return snapshot.version }
        let files = try results.flatMap { try JSONDecoder().decode([AddFile].self, from: Data($0.addFilesJSON)) }
        do {
            return try TableFilesCommit(table: table, readSnapshot: snapshot, mode: mode)
                .commit(files, rowCount: results.reduce(0) { $0 + $1.rowCount })
        } catch {
            for file in files { try? fileSystem.delete(table.dataFilePath(file.path), recursive: false) }
            throw error
        }
    }

    private func openOrCreateTable(fileSystem: any FileSystem, path: String, schema: Schema?,
                                   partitionBy: [String]) async throws -> Table {
        do {
            return try Table(fileSystem: fileSystem, path: path)
        } catch let error as SluiceError where error.condition == .notFound {
            let firstRowSchema = schema == nil ? try await take(1).first?.schema : nil
            guard let tableSchema = schema ?? firstRowSchema else {
                throw SluiceError.userInput("no table at \(path), and no rows or schema to create it from; pass schema:")
            }
            do {
                return try Table.create(fileSystem: fileSystem, path: path, schema: tableSchema, partitionColumns: partitionBy)
            } catch let raced as SluiceError where raced.condition == .alreadyExists {
                return try Table(fileSystem: fileSystem, path: path)
            }
        }
    }
}
