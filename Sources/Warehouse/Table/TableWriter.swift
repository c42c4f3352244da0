import Foundation
import Parquet
import SluiceCore

/// How new rows relate to a table's existing ones.
public enum WriteMode: String, Sendable {
    /// Added to the table.
    case append
    /// Replace every row of the table, in one commit.
    case overwrite
}

/// Writes batches into new data files of a table, partitioned and sorted as the table asks, and
/// commits them all at once: until `commit()`, readers see none of them, and `abort()` (or a
/// crash) leaves only unreferenced files that vacuum removes.
///
/// Not thread-safe: one writer per caller.
public final class TableWriter {
    public let table: Table
    public let snapshot: Snapshot
    public let mode: WriteMode
    public let transaction: TransactionAction?
    private let conformer: BatchConformer
    private let dataSchema: Schema
    private let partitionIndices: [Int]
    private let dataIndices: [Int]
    private let targetFileSizeBytes: Int
    private var openFiles: [[String?]: DataFileWriter] = [:]
    private var added: [AddFile] = []
    private var rowCount: Int64 = 0
    private var isFinished = false

    /// Open files at most at once; past it, all are closed (more, smaller files instead of
    /// unbounded memory when a batch touches many partitions).
    static let openFilesMax = 32

    /// - Parameter targetFileSizeBytes: rolls files at this size instead of the table's
    ///   `delta.targetFileSize` (for `optimize` with an explicit target).
    init(table: Table, snapshot: Snapshot, mode: WriteMode, transaction: TransactionAction?,
         targetFileSizeBytes: Int? = nil) throws {
        self.table = table
        self.snapshot = snapshot
        self.mode = mode
        self.transaction = transaction
        if mode == .overwrite, snapshot.properties[TableProperty.appendOnly] == "true" {
            throw SluiceError.userInput("table \(table.path) is append-only (delta.appendOnly)")
        }
        conformer = BatchConformer(schema: snapshot.schema)
        dataSchema = snapshot.dataSchema
        let partitionIndices = snapshot.partitionColumns.compactMap { snapshot.schema.index(of: $0) }
        self.partitionIndices = partitionIndices
        dataIndices = snapshot.schema.fields.indices.filter { !partitionIndices.contains($0) }
        self.targetFileSizeBytes = targetFileSizeBytes ?? snapshot.targetFileSizeBytes
    }

    /// Adds a batch's rows.
    /// - Throws: `SluiceError` (user input) when the batch does not fit the table's schema.
    public func write(_ batch: RecordBatch) throws {
        precondition(!isFinished, "write after commit or abort")
        let rows = try conformer.conform(batch)
        guard rows.rowCount > 0 else { return }
        rowCount += Int64(rows.rowCount)
        for (key, part) in try split(rows) {
            let data = RecordBatch(schema: dataSchema, columns: dataIndices.map { part.columns[$0] })
            if openFiles[key] == nil {
                if openFiles.count >= TableWriter.openFilesMax { try closeOpenFiles() }
                openFiles[key] = DataFileWriter(table: table, schema: dataSchema, partitionColumns: snapshot.partitionColumns,
                                                partitionValues: key, sortColumns: snapshot.sortColumns.filter { dataSchema[$0] != nil },
                                                targetFileSizeBytes: targetFileSizeBytes)
            }
            added += try openFiles[key]!.write(data)
        }
    }

    /// Writes rows (of the table schema) into new files and returns the files finished so far,
    /// without committing: for operations that assemble their own commit (delete, optimize).
    func writeFiles(_ batch: RecordBatch) throws -> [AddFile] {
        try write(batch)
        defer { added = [] }
        return added
    }

    /// Finishes the open files for an operation that commits them itself.
    func finishFiles() throws -> [AddFile] {
        try closeOpenFiles()
        defer { added = [] }
        return added
    }

    /// Groups rows by their partition values (log strings; nil is null).
    private func split(_ batch: RecordBatch) throws -> [([String?], RecordBatch)] {
        guard !partitionIndices.isEmpty else { return [([], batch)] }
        var groups: [[String?]: [Int]] = [:]
        var order: [[String?]] = []
        for row in 0..<batch.rowCount {
            let key = partitionIndices.map { PartitionValue.serialize(batch.columns[$0][row]) }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        if order.count == 1 { return [(order[0], batch)] }
        return order.map { ($0, batch.take(groups[$0]!)) }
    }

    private func closeOpenFiles() throws {
        for key in openFiles.keys.sorted(by: { "\($0)" < "\($1)" }) {
            added += try openFiles[key]!.finish()
        }
        openFiles = [:]
    }

    /// Finishes the files and commits them (with the removal of every current file when
    /// overwriting) as one new version.
    /// - Returns: the commit, or nil when `transaction` was already committed (the batch is a
    ///   replay and nothing was added).
    /// - Throws: `SluiceError` with condition `.commitConflict` when a concurrent commit
    ///   conflicts; the files written are deleted then.
    @discardableResult
    public func commit() throws -> CommitResult? {
        precondition(!isFinished, "commit called twice")
        do {
            try closeOpenFiles()
            isFinished = true
            if let transaction, let committed = snapshot.transactions[transaction.appId], committed.version >= transaction.version {
                deleteWrittenFiles()
                return nil
            }
            var actions = added.map { DeltaAction.add($0) }
            var intent = CommitIntent(operation: "WRITE", readSnapshot: snapshot, isBlindAppend: mode == .append)
            let now = table.clock.nowMillis()
            if mode == .overwrite {
                actions += snapshot.files.map { .remove(RemoveFile(removing: $0, at: now, dataChange: true)) }
                intent.readFiles = Set(snapshot.files.map { DeltaPath.decode($0.path) })
                intent.readPredicates = []
            }
            if var transaction {
                transaction.lastUpdated = now
                actions.append(.transaction(transaction))
                intent.transaction = transaction
            }
            let parameters: [String: JSONValue] = [
                "mode": .string(mode == .append ? "Append" : "Overwrite"),
                "partitionBy": .string(try LogJSON.encode(snapshot.partitionColumns)),
            ]
            let metrics: [String: JSONValue] = [
                "numFiles": .integer(Int64(added.count)), "numOutputRows": .integer(rowCount),
                "numOutputBytes": .integer(added.reduce(0) { $0 + $1.size }),
            ]
            return try table.commit(actions, intent: intent, parameters: parameters, metrics: metrics)
        } catch {
            abort()
            throw error
        }
    }

    /// Drops everything written; the table is unchanged.
    public func abort() {
        for writer in openFiles.values { writer.abort() }
        openFiles = [:]
        deleteWrittenFiles()
        isFinished = true
    }

    private func deleteWrittenFiles() {
        for file in added { try? table.fileSystem.delete(table.dataFilePath(file.path), recursive: false) }
        added = []
    }
}

extension Table {
    /// A writer for new rows; nothing is visible until its `commit()`.
    /// - Parameter transaction: the application's batch id, making the write idempotent: a
    ///   batch already committed is skipped at commit time.
    public func writer(mode: WriteMode = .append, transaction: TransactionAction? = nil) throws -> TableWriter {
        try TableWriter(table: self, snapshot: snapshot(), mode: mode, transaction: transaction)
    }

    /// Appends batches in one commit.
    @discardableResult
    public func append(_ batches: [RecordBatch], transaction: TransactionAction? = nil) throws -> CommitResult? {
        let writer = try writer(mode: .append, transaction: transaction)
        for batch in batches { try writer.write(batch) }
        return try writer.commit()
    }

    /// Replaces the table's rows with `batches` in one commit.
    @discardableResult
    public func overwrite(_ batches: [RecordBatch]) throws -> CommitResult? {
        let writer = try writer(mode: .overwrite)
        for batch in batches { try writer.write(batch) }
        return try writer.commit()
    }

    /// Whether an application's batch is already in the table (its `txn` version is at least
    /// `version`).
    public func isCommitted(appId: String, version: Int64) throws -> Bool {
        guard let committed = try snapshot().transactions[appId] else { return false }
        return committed.version >= version
    }
}
