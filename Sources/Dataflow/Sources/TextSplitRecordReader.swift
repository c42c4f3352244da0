import SluiceCore

/// Reads the records of one split of a line-based text format (CSV, JSON Lines) with the
/// format's own reader, and applies the bad-record policy to what that reader rejects.
///
/// The format reader sees only the split's lines (a `ByteRangeFile`), so the line numbers in its
/// errors count from the split's first line. Under `.fail` the error is relocated before it is
/// thrown: the line breaks before the split are counted (one `memchr` pass over those bytes,
/// paid only when a record is bad), giving the file's line number and the line's byte offset.
/// Under `.skip` the rows before the bad line are delivered, the bad line is counted in
/// `badRecordsSkipped`, and reading resumes on the next line with a new format reader.
///
/// A format reader stops at its first error, so resuming re-reads the rows between the last
/// resume point and the bad line once; each byte is parsed at most twice overall.
struct TextSplitRecordReader {
    let path: String
    let file: any ReadableFile
    let policy: BadRecordPolicy
    /// Opens the format reader over a view of the file's range, with the schema already known.
    let openReader: (ByteRangeFileSystem) throws -> any RecordBatchReading

    /// Emits every row of `range` with `layout`, counting rows and bytes in the task's metrics.
    func emitRows(in range: Range<Int>, layout: RowLayout, task: TaskContext, _ emit: (Row) throws -> Void) throws {
        var rowCount = 0
        try forEachBatch(in: range, task: task) { batch, rows in
            rowCount += rows.count
            for row in rows { try emit(Row(layout: layout, values: batch.row(row))) }
        }
        task.metrics.recordsRead += rowCount
        task.metrics.bytesRead += range.count
    }

    /// Hands each batch of good rows to `body` with the rows of it that are new (a batch re-read
    /// after a skipped record starts with rows already delivered).
    /// - Throws: the format's `SluiceError` (data), located in the file, under `.fail`; errors
    ///   of `body` unchanged.
    func forEachBatch(in range: Range<Int>, task: TaskContext, _ body: (RecordBatch, Range<Int>) throws -> Void) throws {
        var start = range.lowerBound
        resuming: while start < range.upperBound {
            let window = start..<range.upperBound
            var reader: (any RecordBatchReading)?
            var deliveredRowCount = 0
            while true {
                let batch: RecordBatch?
                do {
                    if reader == nil { reader = try openReader(view(of: window)) }
                    batch = try reader!.next()
                } catch let error as SluiceError where error.fault == .data && error.location?.line != nil {
                    let badLine = error.location!.line!
                    let badLineStart = try LineBoundaries.lineStart(badLine, from: window, in: file)
                    guard policy == .skip else { throw try locate(error, window: window, badLineStart: badLineStart) }
                    try deliverRows(in: window.lowerBound..<badLineStart, skipping: deliveredRowCount, body)
                    task.metrics.badRecordsSkipped += 1
                    start = min(range.upperBound, try LineBoundaries.lineEnd(atOrAfter: badLineStart, in: file))
                    continue resuming
                }
                guard let batch else { return }
                try body(batch, 0..<batch.rowCount)
                deliveredRowCount += batch.rowCount
            }
        }
    }

    /// Re-reads the good rows before a bad line, delivering those not delivered yet.
    private func deliverRows(in range: Range<Int>, skipping skippedRowCount: Int,
                             _ body: (RecordBatch, Range<Int>) throws -> Void) throws {
        guard !range.isEmpty else { return }
        var reader = try openReader(view(of: range))
        var remainingToSkip = skippedRowCount
        while true {
            let batch: RecordBatch?
            do {
                batch = try reader.next()
            } catch let error as SluiceError where error.fault == .data {
                // A bad record spanning several lines (quoted line breaks) is cut by the range;
                // its first part is the bad record itself, not a good row.
                return
            }
            guard let batch else { return }
            let skipped = min(remainingToSkip, batch.rowCount)
            remainingToSkip -= skipped
            if skipped < batch.rowCount { try body(batch, skipped..<batch.rowCount) }
        }
    }

    private func view(of range: Range<Int>) -> ByteRangeFileSystem {
        ByteRangeFileSystem(path: path, file: ByteRangeFile(base: file, range: range))
    }

    /// The error with the file's line number and the bad line's byte offset.
    private func locate(_ error: SluiceError, window: Range<Int>, badLineStart: Int) throws -> SluiceError {
        var located = error
        var location = error.location ?? SourceLocation()
        let linesBefore = try LineBoundaries.newlineCount(in: 0..<window.lowerBound, of: file)
        location.file = path
        location.line = linesBefore + (location.line ?? 1)
        location.byteOffset = badLineStart
        located.location = location
        return located
    }
}
