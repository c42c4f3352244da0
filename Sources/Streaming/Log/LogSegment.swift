import SluiceCore

/// One segment of a partition: a log file of batches named by its base offset, with its sparse
/// offset index and time index.
///
/// Not thread-safe: the owning `PartitionLog` serializes every call under its lock.
final class LogSegment {
    let directory: String
    let baseOffset: Int64
    let log: SegmentFile
    let offsetIndex: SegmentFile
    let timeIndex: SegmentFile
    let indexIntervalBytes: Int
    /// The offset the next appended record gets.
    var nextOffset: Int64
    /// The newest record timestamp in the segment; `Int64.min` while it is empty.
    var maxTimestampMillis: Int64 = .min
    /// Sparse index points in offset order; the first batch always has one.
    var entries: [LogIndexEntry] = []
    var bytesSinceIndexEntry = 0

    var sizeBytes: Int { log.sizeBytes }
    var isEmpty: Bool { nextOffset == baseOffset }

    /// Opens the segment's files as they are, creating missing ones; `recover` makes them agree.
    init(directory: String, baseOffset: Int64, indexIntervalBytes: Int) throws {
        self.directory = directory
        self.baseOffset = baseOffset
        self.indexIntervalBytes = indexIntervalBytes
        let stem = directory + "/" + Self.fileStem(baseOffset: baseOffset)
        log = try SegmentFile(path: stem + ".log")
        offsetIndex = try SegmentFile(path: stem + ".index")
        timeIndex = try SegmentFile(path: stem + ".timeindex")
        nextOffset = baseOffset
    }

    /// The base offset in 20 decimal digits, as Kafka names segment files.
    static func fileStem(baseOffset: Int64) -> String {
        let digits = String(baseOffset)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }

    /// Whether a batch of `batchSizeBytes` holding `recordCount` records still fits.
    func canHold(batchSizeBytes: Int, recordCount: Int, segmentBytesMax: Int) -> Bool {
        if isEmpty { return true }
        let relativeEnd = nextOffset - baseOffset + Int64(recordCount)
        return sizeBytes + batchSizeBytes <= segmentBytesMax && relativeEnd <= Int64(UInt32.max)
    }

    /// Writes an encoded batch at the end of the log and indexes it when an index point is due.
    func append(batch: [UInt8], recordCount: Int, maxTimestampMillis batchMaxTimestamp: Int64) throws {
        let position = sizeBytes
        try log.append(batch)
        if let entry = noteBatch(position: position, sizeBytes: batch.count, recordCount: recordCount, maxTimestampMillis: batchMaxTimestamp) {
            try offsetIndex.write(entry.offsetIndexBytes, at: (entries.count - 1) * LogIndexEntry.offsetIndexEntryBytes)
            try timeIndex.write(entry.timeIndexBytes, at: (entries.count - 1) * LogIndexEntry.timeIndexEntryBytes)
        }
    }

    /// Accounts for a batch now in the log; returns the index entry it got, if one was due.
    func noteBatch(position: Int, sizeBytes batchSize: Int, recordCount: Int, maxTimestampMillis batchMaxTimestamp: Int64) -> LogIndexEntry? {
        var added: LogIndexEntry?
        if entries.isEmpty || bytesSinceIndexEntry >= indexIntervalBytes {
            let entry = LogIndexEntry(
                relativeOffset: UInt32(nextOffset - baseOffset), position: UInt32(position),
                maxTimestampBeforeMillis: maxTimestampMillis)
            entries.append(entry)
            bytesSinceIndexEntry = 0
            added = entry
        }
        bytesSinceIndexEntry += batchSize
        nextOffset += Int64(recordCount)
        maxTimestampMillis = max(maxTimestampMillis, batchMaxTimestamp)
        return added
    }

    /// The byte position of the batch to start scanning from to find `offset`.
    func startPosition(forOffset offset: Int64) -> Int {
        LogIndexEntry.startPosition(in: entries, forRelativeOffset: offset - baseOffset)
    }

    /// The byte position to start scanning from to find the first record at or after `timestampMillis`.
    func startPosition(forTimestamp timestampMillis: Int64) -> Int {
        LogIndexEntry.startPosition(in: entries, forTimestamp: timestampMillis)
    }

    /// The batch at `position` of the log file, checked against its checksum.
    func readBatch(at position: Int) throws -> LogBatchRead {
        if position >= sizeBytes { return .end }
        let headerBytes = try log.read(at: position, count: LogBatchHeader.sizeBytes)
        guard headerBytes.count == LogBatchHeader.sizeBytes else {
            return .corrupt(reason: "a batch header is cut short", reachesEnd: true)
        }
        guard let header = LogBatchHeader(parsing: headerBytes) else {
            return .corrupt(reason: "a batch header is invalid", reachesEnd: try restIsZero(from: position))
        }
        let batch = try log.read(at: position, count: header.batchSizeBytes)
        guard batch.count == header.batchSizeBytes else {
            return .corrupt(reason: "a batch is cut short", reachesEnd: true)
        }
        guard LogBatchCodec.checksumMatches(header, batch: batch) else {
            return .corrupt(reason: "a batch checksum does not match", reachesEnd: position + batch.count == sizeBytes)
        }
        return .batch(header, batch)
    }

    /// Whether everything from `position` to the end is zero bytes, as a crash can leave blocks
    /// the file system allocated before their data arrived.
    private func restIsZero(from position: Int) throws -> Bool {
        var cursor = position
        while cursor < sizeBytes {
            let chunk = try log.read(at: cursor, count: 64 * 1024)
            if chunk.contains(where: { $0 != 0 }) { return false }
            cursor += chunk.count
        }
        return true
    }

    /// The error for a bad batch, naming the file and byte position.
    func corruption(_ reason: String, at position: Int) -> SluiceError {
        .data(reason, at: SourceLocation(file: log.path, byteOffset: position))
    }

    /// Forces the log and both indexes to stable storage.
    func sync() throws {
        try log.sync()
        try offsetIndex.sync()
        try timeIndex.sync()
    }

    func close() {
        log.close()
        offsetIndex.close()
        timeIndex.close()
    }
}
