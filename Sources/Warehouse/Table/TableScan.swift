import Parquet
import SluiceCore

/// Reads a snapshot's rows: files pruned by partition values and statistics first, then row
/// groups pruned by Parquet statistics, then (optionally) rows filtered. Partition columns come
/// from the log, and columns that older files lack (added later) read as nulls.
public struct TableScan {
    public let table: Table
    public let snapshot: Snapshot
    /// The files that may hold matching rows, after pruning.
    public private(set) var files: [AddFile]
    /// The columns produced, in order.
    public let schema: Schema
    public let predicates: [ColumnPredicate]
    /// Drop rows that do not match `predicates` (otherwise pruning only).
    public let filtersRows: Bool
    private var fileIndex = 0
    private var rowGroups: (reader: ParquetReader, batches: ParquetBatchSequence, partition: [String: Value])?

    init(table: Table, snapshot: Snapshot, columns: [String]?, predicates: [ColumnPredicate], filtersRows: Bool) throws {
        self.table = table
        self.snapshot = snapshot
        self.schema = try columns.map { try snapshot.schema.projecting($0) } ?? snapshot.schema
        for predicate in predicates {
            guard let field = snapshot.schema[predicate.column] else {
                throw SluiceError.userInput("no column '\(predicate.column)' in table \(table.path)")
            }
            _ = try predicate.literal(as: field.type)
        }
        self.predicates = predicates
        self.filtersRows = filtersRows
        self.files = snapshot.files.filter { snapshot.fileMayMatch($0, predicates) }
    }

    /// The next batch of rows, or nil after the last file.
    /// - Throws: `SluiceError` (data) naming the version and file when a file the log names is
    ///   missing or corrupt.
    public mutating func next() throws -> RecordBatch? {
        while true {
            if rowGroups == nil {
                guard fileIndex < files.count else { return nil }
                let file = files[fileIndex]
                fileIndex += 1
                rowGroups = try open(file)
            }
            guard let batch = try rowGroups!.batches.next() else {
                rowGroups = nil
                continue
            }
            var rows = try assemble(batch, partition: rowGroups!.partition)
            if filtersRows {
                for predicate in predicates { rows = try rows.filter(predicate) }
            }
            let output = try rows.project(schema)
            if output.rowCount > 0 { return output }
        }
    }

    /// Every row of one file of the snapshot, whatever the pruning.
    mutating func readAll(only file: AddFile) throws -> RecordBatch {
        let (_, batches, partition) = try open(file)
        var sequence = batches
        var parts: [RecordBatch] = []
        while let batch = try sequence.next() { parts.append(try assemble(batch, partition: partition).project(schema)) }
        return RecordBatch.concatenate(parts, schema: schema)
    }

    /// Every remaining row in one batch.
    public mutating func readAll() throws -> RecordBatch {
        var batches: [RecordBatch] = []
        while let batch = try next() { batches.append(batch) }
        return RecordBatch.concatenate(batches, schema: schema)
    }

    private func open(_ file: AddFile) throws -> (ParquetReader, ParquetBatchSequence, [String: Value]) {
        let path = table.dataFilePath(file.path)
        guard table.fileSystem.exists(path) else {
            throw SluiceError.data("version \(snapshot.version) of table \(table.path) names data file \(file.path), which is missing",
                                   at: SourceLocation(file: path))
        }
        let reader = try ParquetReader(fileSystem: table.fileSystem, path: path)
        let needed = neededColumns.filter { reader.schema[$0] != nil }
        let filePredicates = predicates.filter { reader.schema[$0.column] != nil }
        let batches = try reader.batches(columns: needed, predicates: filePredicates)
        return (reader, batches, try snapshot.partitionValues(of: file))
    }

    /// Data columns to read: the output's plus those the row filter needs.
    private var neededColumns: [String] {
        var names = schema.fields.map(\.name)
        if filtersRows { names += predicates.map(\.column).filter { !names.contains($0) } }
        return names.filter { !snapshot.partitionColumns.contains($0) }
    }

    /// A file's batch widened to the table schema: partition values, nulls for absent columns.
    private func assemble(_ batch: RecordBatch, partition: [String: Value]) throws -> RecordBatch {
        let wanted = Set(schema.fields.map(\.name) + (filtersRows ? predicates.map(\.column) : []))
        let fields = snapshot.schema.fields.filter { wanted.contains($0.name) }
        let columns = try fields.map { field -> Column in
            if let value = partition[field.name] {
                return try Column.repeating(value, type: field.type, count: batch.rowCount)
            }
            guard let column = batch.column(named: field.name) else { return Column.nulls(type: field.type, count: batch.rowCount) }
            return column.type == field.type ? column : try column.converted(to: field.type, name: field.name)
        }
        return RecordBatch(schema: Schema(fields), columns: columns)
    }
}

extension Table {
    /// Rows of a snapshot (the newest by default).
    /// - Parameters:
    ///   - columns: output columns in order (all when nil).
    ///   - predicates: rows must match all; used to prune files and row groups.
    ///   - filtersRows: also drop non-matching rows of the files that are read.
    public func scan(snapshot: Snapshot? = nil, columns: [String]? = nil, predicates: [ColumnPredicate] = [],
                     filtersRows: Bool = true) throws -> TableScan {
        try TableScan(table: self, snapshot: snapshot ?? self.snapshot(), columns: columns, predicates: predicates,
                      filtersRows: filtersRows)
    }
}
