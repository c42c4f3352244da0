import SluiceCore
import Warehouse

/// `sluice import FILE --table NAME`: loads a file into a warehouse table in one commit,
/// creating the table first (schema from the file) when it does not exist.
///
/// Batches stream from the file through one `TableWriter`; nothing is visible until the
/// commit, and a failure leaves the table as it was (a table this import created is removed
/// again).
struct TableImport {
    let input: ImportInput
    let location: WarehouseLocation
    let tableName: String
    /// `--partition-by` and `--sort-by`: used to create the table; for an existing table they
    /// must match its own.
    let partitionColumns: [String]?
    let sortColumns: [String]?
    let mode: WriteMode

    /// Runs the import.
    /// - Returns: the one-line summary for the terminal.
    /// - Throws: `SluiceError`: user input for a file that does not fit the table or options
    ///   that contradict it; data for malformed input; a commit conflict, explained.
    func run() throws -> String {
        let tablePath = try location.tablePath(tableName)
        if try location.tableExists(tableName) {
            let table = try location.openTable(tableName)
            let writer = try table.writer(mode: mode)
            try checkLayout(of: writer.snapshot)
            let (rowCount, result) = try write(from: input.open(forTable: writer.snapshot.schema, named: tableName), into: writer)
            let replaced = mode == .overwrite ? ", replacing \(result.removedFiles) file(s)" : ""
            return "imported \(rowCount) rows into table '\(tableName)' (\(mode.rawValue)\(replaced)): \(result.addedFiles) data file(s), version \(result.version)"
        }
        let folderExisted = location.fileSystem.exists(tablePath)
        let source = try input.open()
        let table: Table
        do {
            table = try Table.create(fileSystem: location.fileSystem, path: tablePath, schema: source.schema,
                                     partitionColumns: partitionColumns ?? [], sortColumns: sortColumns ?? [])
        } catch let error as SluiceError where error.condition == .alreadyExists {
            throw SluiceError(.userInput, "another command created table '\(tableName)' while this import ran; run the import again to add to it",
                              condition: .alreadyExists)
        }
        do {
            let (rowCount, result) = try write(from: source, into: table.writer(mode: mode))
            let layout = (partitionColumns ?? []).isEmpty ? "" : ", partitioned by \(describe(partitionColumns ?? []))"
            return "imported \(rowCount) rows into new table '\(tableName)' (\(source.schema.count) columns\(layout)): \(result.addedFiles) data file(s), version \(result.version)"
        } catch {
            removeCreatedTable(table, folderExisted: folderExisted)
            throw error
        }
    }

    /// Streams every batch into the writer and commits; the writer is aborted on failure.
    private func write(from source: ImportSource, into writer: TableWriter) throws -> (rowCount: Int, result: CommitResult) {
        var source = source
        var rowCount = 0
        do {
            while let batch = try source.next() {
                try writer.write(batch)
                rowCount += batch.rowCount
            }
            guard let result = try writer.commit() else {
                throw SluiceError.internal("a write without an application transaction was skipped as a replay")
            }
            return (rowCount, result)
        } catch let error as SluiceError {
            writer.abort()
            throw error.explainingCommitConflict(table: tableName)
        } catch {
            writer.abort()
            throw error
        }
    }

    /// Partition and sort options only shape a new table; on an existing one they must agree
    /// with it, so a user who expects them to take effect learns that they do not.
    private func checkLayout(of snapshot: Snapshot) throws {
        if let partitionColumns, partitionColumns != snapshot.partitionColumns {
            throw SluiceError.userInput("table '\(tableName)' exists and is partitioned by \(describe(snapshot.partitionColumns)), not \(describe(partitionColumns)); --partition-by only shapes a new table")
        }
        if let sortColumns, sortColumns != snapshot.sortColumns {
            throw SluiceError.userInput("table '\(tableName)' exists and is sorted by \(describe(snapshot.sortColumns)), not \(describe(sortColumns)); --sort-by only shapes a new table")
        }
    }

    private func describe(_ columns: [String]) -> String {
        columns.isEmpty ? "nothing" : columns.joined(separator: ",")
    }

    /// Undoes the create of a table whose first write failed, unless another writer has
    /// committed to it meanwhile. A folder that was there before keeps everything but the log.
    private func removeCreatedTable(_ table: Table, folderExisted: Bool) {
        guard (try? table.log.list().commitVersions) == [0] else { return }
        try? location.fileSystem.delete(folderExisted ? table.log.logPath : table.path, recursive: true)
    }
}
