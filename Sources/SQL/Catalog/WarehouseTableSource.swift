import Parquet
import SluiceCore
import Warehouse

/// One version of a warehouse table as a source.
///
/// A scan prunes the snapshot's data files by partition values and file statistics, opens the
/// rest, and prunes their row groups by Parquet statistics; its morsels are the row groups
/// left. Partition columns are filled from each file's partition values, and columns a file
/// lacks (added to the table later) read as nulls.
///
/// Threading: immutable; any number of scans may run at once.
public final class WarehouseTableSource: TableSource, @unchecked Sendable {
    // Sendable: immutable but for `distinctBounds`, guarded by `distinctBoundsLock`.
    public let displayName: String
    public let table: Table
    public let snapshot: Snapshot
    public let schema: Schema
    public let statistics: TableStatistics
    private let distinctBoundsLock = Mutex()
    /// Made when first asked: it parses every file's statistics.
    private var distinctBounds: ColumnDistinctBounds?

    public init(table: Table, snapshot: Snapshot, displayName: String) {
        self.displayName = displayName
        self.table = table
        self.snapshot = snapshot
        schema = Schema(snapshot.schema.fields)
        statistics = TableStatistics(rowCount: snapshot.rowCount.map { Int($0) }, sizeBytes: Int(snapshot.sizeBytes))
    }

    public func distinctValueCountMax(ofColumn name: String) -> Int? {
        distinctBoundsLock.withLock {
            if distinctBounds == nil {
                distinctBounds = ColumnDistinctBounds(
                    schema: schema, files: snapshot.files.map { snapshot.statistics(of: $0)?.ranges ?? [:] })
            }
            return distinctBounds!.countMax(ofColumn: name)
        }
    }

    /// A scan of the files and row groups the filters' statistics do not rule out.
    /// - Throws: `SluiceError` (data) naming the version and file when a file the log names is
    ///   missing or not Parquet.
    public func scan(columns: [Int], filters: [PhysicalExpression], context: ExecutionContext) throws -> any BatchStream {
        let fields = try ScanColumns.fields(columns, of: schema, source: displayName)
        let pruning = ScanPruning(filters: filters, fields: fields)
        let candidates = snapshot.files.filter { pruning.fileMayMatch($0, in: snapshot) }
        let files = try openFiles(candidates, fields: fields, threadCount: context.threadCount)
        var morsels: [RowGroupMorsel] = []
        var rowGroupCountTotal = 0
        let allColumns = Array(fields.indices)
        for (fileIndex, file) in files.enumerated() {
            for rowGroup in 0..<file.reader.rowGroupCount {
                rowGroupCountTotal += 1
                guard file.reader.rowCount(ofRowGroup: rowGroup) > 0,
                      pruning.rowGroupMayMatch(file.reader, rowGroup, leafIndices: file.leafIndices) else { continue }
                morsels.append(RowGroupMorsel(fileIndex: fileIndex, rowGroup: rowGroup,
                                              bytes: file.bytes(ofRowGroup: rowGroup, outputColumns: allColumns)))
            }
        }
        var details = ScanColumns.details(displayName, fields: fields, fileCount: candidates.count)
        details += ", version: \(snapshot.version), files: \(candidates.count) of \(snapshot.files.count)"
        return ParquetScanStream(
            name: "TableScan", details: details, schema: Schema(fields), files: files, morsels: morsels,
            rowGroupCountTotal: rowGroupCountTotal, filters: filters,
            pieceRowCountMax: ScanColumns.pieceRowCountMax(context), progress: context.progress)
    }

    /// Opens the files' footers, on several threads when there are many.
    private func openFiles(_ candidates: [AddFile], fields: [Field], threadCount: Int) throws -> [ScanFile] {
        let opened = OpenedFiles(count: candidates.count)
        let workerCount = min(threadCount, max(1, candidates.count / 8))
        try StreamDrain.parallel(threadCount: workerCount) { worker in
            var index = worker
            while index < candidates.count {
                opened.set(index, try self.open(candidates[index], fields: fields))
                index += workerCount
            }
        }
        return opened.files
    }

    private func open(_ file: AddFile, fields: [Field]) throws -> ScanFile {
        let path = table.dataFilePath(file.path)
        guard table.fileSystem.exists(path) else {
            throw SluiceError.data("version \(snapshot.version) of table \(displayName) names data file \(file.path), which is missing",
                                   at: SourceLocation(file: path))
        }
        let reader = try ParquetReader(fileSystem: table.fileSystem, path: path)
        let partition = try snapshot.partitionValues(of: file)
        let sources = fields.map { field -> ScanFile.ColumnSource in
            if snapshot.partitionColumns.contains(field.name) { return .constant(partition[field.name] ?? .null) }
            if let index = reader.schema.index(of: field.name) { return .file(index: index) }
            return .constant(.null)
        }
        return ScanFile(reader: reader, columnSources: sources)
    }
}

/// Files opened by several threads, each into its own slot.
private final class OpenedFiles: @unchecked Sendable {
    // Sendable: `slots` is guarded by `lock`.
    private let lock = Mutex()
    private var slots: [ScanFile?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ file: ScanFile) { lock.withLock { slots[index] = file } }

    var files: [ScanFile] { lock.withLock { slots.map { $0! } } }
}
