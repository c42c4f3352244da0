import Parquet
import SluiceCore
#if canImport(Glibc)
import Glibc
#endif

/// A parallel scan over row groups of Parquet files: each `next()` claims one row group,
/// decodes the columns the filters read, filters, and decodes the other columns only when
/// some row survives, all on the calling thread.
///
/// A row group larger than `pieceRowCountMax` rows (after filtering) is returned in pieces:
/// the caller that read it takes the first, and the rest wait in a shared queue for whichever
/// thread asks next, so a big row group does not leave the other threads idle.
///
/// Threading: safe for concurrent `next()`; each batch goes to exactly one caller.
final class ParquetScanStream: BatchStream, @unchecked Sendable {
    // Sendable: the mutable state (`nextMorsel`, `pending`, `isFinished`) is guarded by `lock`.
    let schema: Schema
    let operatorName: String
    let operatorDetails: String
    /// The row groups the files hold, before pruning.
    let rowGroupCountTotal: Int
    /// The row groups this scan reads: those pruning kept.
    var rowGroupCountRead: Int { morsels.count }

    private let files: [ScanFile]
    private let morsels: [RowGroupMorsel]
    private let filter: ScanFilter?
    /// Output positions the filters do not read: decoded once a row group has survivors.
    private let remainingColumns: [Int]
    private let pieceRowCountMax: Int
    private let progress: QueryProgress?

    private let lock = Mutex()
    private var nextMorsel = 0
    private var pending: [Piece] = []
    private var isFinished = false
    /// Row groups being read right now; each may queue pieces when it finishes.
    private var readingCount = 0

    /// Rows of a decoded row group that wait to be returned.
    private struct Piece {
        let batch: RecordBatch
        /// The surviving rows of `batch`, nil when all of them survive.
        let selection: [Int32]?
        /// Positions in `selection` (or rows of `batch`) this piece covers.
        let range: Range<Int>

        func materialize() -> RecordBatch {
            guard let selection else { return BatchRows.slice(range, of: batch) }
            return BatchRows.take(selection[range], of: batch)
        }
    }

    /// - Parameters:
    ///   - schema: the output columns; every file maps each of them.
    ///   - morsels: the row groups to read, after pruning.
    ///   - filters: BOOLEAN predicates over the output columns; only rows where all are TRUE
    ///     are returned.
    ///   - pieceRowCountMax: the most rows one batch carries.
    init(name: String, details: String, schema: Schema, files: [ScanFile], morsels: [RowGroupMorsel],
         rowGroupCountTotal: Int, filters: [PhysicalExpression], pieceRowCountMax: Int, progress: QueryProgress?) {
        self.schema = schema
        self.operatorName = name
        self.files = files
        self.morsels = morsels
        self.rowGroupCountTotal = rowGroupCountTotal
        self.filter = ScanFilter(filters: filters, outputSchema: schema)
        let filtered = Set(filter?.columns ?? [])
        self.remainingColumns = schema.fields.indices.filter { !filtered.contains($0) }
        self.pieceRowCountMax = max(1, pieceRowCountMax)
        self.progress = progress
        var detailParts = [details].filter { !$0.isEmpty }
        detailParts.append("row groups: \(morsels.count) of \(rowGroupCountTotal)")
        if !filters.isEmpty { detailParts.append("filters: " + filters.map(\.description).joined(separator: " AND ")) }
        self.operatorDetails = detailParts.joined(separator: ", ")
        progress?.addPlanned(bytes: morsels.reduce(0) { $0 + $1.bytes })
    }

    var inputs: [any BatchStream] { [] }

    private enum Work {
        case morsel(RowGroupMorsel)
        case piece(Piece)
        case wait
    }

    /// The next batch of surviving rows, or nil once every row group is read.
    /// - Throws: `SluiceError` naming the file for corrupt data; `.data` from a filter.
    func next() throws -> RecordBatch? {
        while true {
            let work: Work? = lock.withLock {
                if let piece = pending.popLast() { return .piece(piece) }
                guard !isFinished, nextMorsel < morsels.count else {
                    // A row group still being read may queue more pieces: nil only when none is.
                    return readingCount > 0 && !isFinished ? .wait : nil
                }
                defer { nextMorsel += 1 }
                readingCount += 1
                return .morsel(morsels[nextMorsel])
            }
            switch work {
            case nil:
                return nil
            case .wait:
                usleep(100)
            case .piece(let piece):
                return piece.materialize()
            case .morsel(let morsel):
                do {
                    let batch = try read(morsel)
                    lock.withLock { readingCount -= 1 }
                    if let batch { return batch }
                } catch {
                    lock.withLock {
                        readingCount -= 1
                        isFinished = true
                    }
                    throw error
                }
            }
        }
    }

    /// Reads and filters one row group; returns its first piece (queueing the others), or nil
    /// when no row survives.
    private func read(_ morsel: RowGroupMorsel) throws -> RecordBatch? {
        let file = files[morsel.fileIndex]
        defer { progress?.addDone(bytes: morsel.bytes) }
        var columns = [Column?](repeating: nil, count: schema.count)
        var selection: [Int32]?
        if let filter {
            let filterColumns = try file.read(rowGroup: morsel.rowGroup, outputColumns: filter.columns, fields: schema.fields)
            selection = try filter.select(RecordBatch(schema: filter.schema, columns: filterColumns))
            if selection?.isEmpty == true { return nil }
            for (position, column) in zip(filter.columns, filterColumns) { columns[position] = column }
        }
        if !remainingColumns.isEmpty {
            let decoded = try file.read(rowGroup: morsel.rowGroup, outputColumns: remainingColumns, fields: schema.fields)
            for (position, column) in zip(remainingColumns, decoded) { columns[position] = column }
        }
        let rowCount = file.reader.rowCount(ofRowGroup: morsel.rowGroup)
        let batch = RecordBatch(schema: schema, columns: columns.map { $0! })
        let survivorCount = selection?.count ?? rowCount
        if survivorCount == 0 { return nil }
        if survivorCount <= pieceRowCountMax {
            return selection.map { BatchRows.take($0, of: batch) } ?? batch
        }
        let pieces = stride(from: 0, to: survivorCount, by: pieceRowCountMax).map { start in
            Piece(batch: batch, selection: selection, range: start..<min(start + pieceRowCountMax, survivorCount))
        }
        lock.withLock { pending.append(contentsOf: pieces.dropFirst().reversed()) }
        return pieces[0].materialize()
    }
}
