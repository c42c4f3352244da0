import Logging
import SluiceCore

extension LogSegment {
    /// Brings the segment's state in line with its files after open: loads the indexes, keeps
    /// the entries that point at real batches, scans the log from the last one to the end and
    /// rewrites the indexes if they had to change.
    ///
    /// - Parameters:
    ///   - allowTailTruncation: true for the last segment, where a crash can have cut a write
    ///     short; such a torn tail is cut off and logged as a warning.
    /// - Throws: `SluiceError.data` naming the file and byte position for damage that is not a
    ///   torn tail; `SluiceError.io` when a file cannot be read or written.
    func recover(allowTailTruncation: Bool, logger: Logger) throws {
        let (fileEntries, filesHadExtraBytes) = try loadIndexEntries()
        var trusted = fileEntries
        while let last = trusted.last {
            if case .batch(let header, _) = try readBatch(at: Int(last.position)),
                header.baseOffset == baseOffset + Int64(last.relativeOffset)
            {
                break
            }
            trusted.removeLast()
        }
        var position = 0
        if let last = trusted.popLast() {
            // Rescanning from the last trusted entry re-adds that same entry first.
            position = Int(last.position)
            nextOffset = baseOffset + Int64(last.relativeOffset)
            maxTimestampMillis = last.maxTimestampBeforeMillis
        }
        entries = trusted
        bytesSinceIndexEntry = indexIntervalBytes
        try scanBatches(from: position, allowTailTruncation: allowTailTruncation, logger: logger)
        if entries != fileEntries || filesHadExtraBytes {
            try rewriteIndexes()
        }
    }

    private func scanBatches(from start: Int, allowTailTruncation: Bool, logger: Logger) throws {
        var position = start
        while true {
            switch try readBatch(at: position) {
            case .end:
                return
            case .batch(let header, let batch):
                guard header.baseOffset == nextOffset else {
                    throw corruption("a batch has base offset \(header.baseOffset) where \(nextOffset) was expected", at: position)
                }
                _ = noteBatch(position: position, sizeBytes: batch.count, recordCount: Int(header.recordCount), maxTimestampMillis: header.maxTimestampMillis)
                position += batch.count
            case .corrupt(let reason, let reachesEnd):
                guard allowTailTruncation && reachesEnd else { throw corruption(reason, at: position) }
                logger.warning(
                    "truncating a torn tail of a partition log",
                    metadata: ["file": "\(log.path)", "byteOffset": "\(position)", "droppedBytes": "\(sizeBytes - position)", "reason": "\(reason)"])
                try log.truncate(toBytes: position)
                try log.sync()
                return
            }
        }
    }

    /// The index entries both files agree on and that are ordered and inside the log, and
    /// whether either file held anything beyond them.
    private func loadIndexEntries() throws -> ([LogIndexEntry], Bool) {
        let offsetBytes = try offsetIndex.read(at: 0, count: offsetIndex.sizeBytes)
        let timeBytes = try timeIndex.read(at: 0, count: timeIndex.sizeBytes)
        let count = min(offsetBytes.count / LogIndexEntry.offsetIndexEntryBytes, timeBytes.count / LogIndexEntry.timeIndexEntryBytes)
        var loaded: [LogIndexEntry] = []
        for index in 0..<count {
            let offsetAt = index * LogIndexEntry.offsetIndexEntryBytes
            let timeAt = index * LogIndexEntry.timeIndexEntryBytes
            let entry = LogIndexEntry(
                relativeOffset: LittleEndianBytes.read(UInt32.self, from: offsetBytes, at: offsetAt),
                position: LittleEndianBytes.read(UInt32.self, from: offsetBytes, at: offsetAt + 4),
                maxTimestampBeforeMillis: LittleEndianBytes.read(Int64.self, from: timeBytes, at: timeAt))
            let timeRelativeOffset = LittleEndianBytes.read(UInt32.self, from: timeBytes, at: timeAt + 8)
            let ordered = loaded.last.map {
                $0.relativeOffset < entry.relativeOffset && $0.position < entry.position
                    && $0.maxTimestampBeforeMillis <= entry.maxTimestampBeforeMillis
            } ?? (entry.relativeOffset == 0 && entry.position == 0)
            guard ordered, timeRelativeOffset == entry.relativeOffset, Int(entry.position) < sizeBytes else { break }
            loaded.append(entry)
        }
        let extra = offsetBytes.count != loaded.count * LogIndexEntry.offsetIndexEntryBytes
            || timeBytes.count != loaded.count * LogIndexEntry.timeIndexEntryBytes
        return (loaded, extra)
    }

    private func rewriteIndexes() throws {
        try offsetIndex.truncate(toBytes: 0)
        try timeIndex.truncate(toBytes: 0)
        try offsetIndex.write(entries.flatMap(\.offsetIndexBytes), at: 0)
        try timeIndex.write(entries.flatMap(\.timeIndexBytes), at: 0)
        try offsetIndex.sync()
        try timeIndex.sync()
    }
}
