#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import SluiceCore

/// The durable, append-only log of one topic partition: a folder of segment files named by
/// their base offsets (`00000000000000000000.log` with its `.index` and `.timeindex`).
///
/// Records get consecutive offsets from the log. A batch is written with its length and CRC-32C,
/// so reopening after a crash cuts a torn last batch off and finds damage anywhere else.
///
/// Thread-safe: every method runs under one lock, so appends from many threads get distinct,
/// contiguous offset ranges.
public final class PartitionLog: @unchecked Sendable {
    // Sendable: all mutable state is touched only under `lock`.
    private let lock = Mutex()
    public let directory: String
    public let configuration: PartitionLogConfiguration
    private let logger = Logger(label: "sluice.streaming.log")
    /// Segments in offset order; the last is the active one appends go to.
    private var segments: [LogSegment] = []
    private var unsyncedBytes = 0
    private var lastSyncMillis: Int64

    /// Opens the partition log in `directory`, creating the folder and a first segment when
    /// there is none, and recovers the last segment's tail.
    /// - Throws: `SluiceError.data` naming file and byte offset when a segment is damaged other
    ///   than by a torn last write; `SluiceError.io` when the folder or files cannot be used.
    public init(directory: String, configuration: PartitionLogConfiguration = PartitionLogConfiguration()) throws {
        self.directory = directory
        self.configuration = configuration
        lastSyncMillis = configuration.clock.nowMillis()
        try LocalFileSystem().makeDirectories(directory)
        let baseOffsets = try Self.segmentBaseOffsets(in: directory)
        for (index, baseOffset) in baseOffsets.enumerated() {
            let segment = try LogSegment(directory: directory, baseOffset: baseOffset, indexIntervalBytes: configuration.indexIntervalBytes)
            try segment.recover(allowTailTruncation: index == baseOffsets.count - 1, logger: logger)
            if let previous = segments.last, previous.nextOffset != baseOffset {
                throw SluiceError.data(
                    "segment ends at offset \(previous.nextOffset) but the next one starts at \(baseOffset)",
                    at: SourceLocation(file: segment.log.path))
            }
            segments.append(segment)
        }
        if segments.isEmpty {
            segments.append(try LogSegment(directory: directory, baseOffset: 0, indexIntervalBytes: configuration.indexIntervalBytes))
        }
    }

    deinit {
        for segment in segments { segment.close() }
    }

    /// The oldest offset still in the log.
    public var startOffset: Int64 { lock.withLock { segments[0].baseOffset } }

    /// The offset the next appended record will get.
    public var endOffset: Int64 { lock.withLock { segments[segments.count - 1].nextOffset } }

    /// The number of segments, the active one included.
    public var segmentCount: Int { lock.withLock { segments.count } }

    /// The total size of all segment log files.
    public var sizeBytes: Int { lock.withLock { segments.reduce(0) { $0 + $1.sizeBytes } } }

    /// Appends `records` as one batch and returns the offsets they got.
    ///
    /// Under `.everyAppend` the batch is on stable storage when this returns; under `.batched`
    /// it is written to the file and synced when the policy says so (see `sync()`).
    /// - Throws: `SluiceError.io` when the write or the sync fails.
    @discardableResult
    public func append(_ records: [LogRecord]) throws -> Range<Int64> {
        try lock.withLock {
            var active = segments[segments.count - 1]
            let baseOffset = active.nextOffset
            guard !records.isEmpty else { return baseOffset..<baseOffset }
            let batch = LogBatchCodec.encode(records, baseOffset: baseOffset)
            if !active.canHold(batchSizeBytes: batch.count, recordCount: records.count, segmentBytesMax: configuration.segmentBytesMax) {
                active = try roll()
            }
            let maxTimestamp = records.map(\.timestampMillis).max()!
            try active.append(batch: batch, recordCount: records.count, maxTimestampMillis: maxTimestamp)
            unsyncedBytes += batch.count
            try syncIfDue()
            return baseOffset..<active.nextOffset
        }
    }

    /// Forces everything appended so far to stable storage.
    /// - Throws: `SluiceError.io` when the sync fails.
    public func sync() throws {
        try lock.withLock { try syncActive() }
    }

    /// Records from `offset` on, in offset order, about `maxBytes` of them: at least one record
    /// when there is any, then whole records while their encoded size stays within `maxBytes`.
    /// - Returns: an empty array when `offset` is the end offset or later.
    /// - Throws: `SluiceError.userInput` when `offset` is before the start offset (retention
    ///   removed it); `SluiceError.data` naming file and byte offset for a damaged batch.
    public func read(from offset: Int64, maxBytes: Int) throws -> [StoredRecord] {
        try lock.withLock {
            guard offset >= segments[0].baseOffset else {
                throw SluiceError(.userInput, "offset \(offset) is before the log start offset \(segments[0].baseOffset)", condition: .notFound)
            }
            var records: [StoredRecord] = []
            var bytesTaken = 0
            var segmentIndex = segmentIndex(containing: offset)
            var position = segments[segmentIndex].startPosition(forOffset: offset)
            while segmentIndex < segments.count {
                let segment = segments[segmentIndex]
                guard let (header, batch) = try batch(in: segment, at: position) else {
                    segmentIndex += 1
                    position = 0
                    continue
                }
                position += batch.count
                guard header.nextOffset > offset else { continue }
                for record in try decode(header, batch, in: segment, at: position - batch.count) where record.offset >= offset {
                    let recordBytes = 16 + (record.key?.count ?? 0) + record.value.count
                    if !records.isEmpty && bytesTaken + recordBytes > maxBytes { return records }
                    records.append(record)
                    bytesTaken += recordBytes
                }
            }
            return records
        }
    }

    /// The first offset whose record's timestamp is at or after `timestampMillis`, or nil when
    /// no record is that new.
    /// - Throws: `SluiceError.data` naming file and byte offset for a damaged batch.
    public func offset(forTimestamp timestampMillis: Int64) throws -> Int64? {
        try lock.withLock {
            for segment in segments where segment.maxTimestampMillis >= timestampMillis {
                var position = segment.startPosition(forTimestamp: timestampMillis)
                while let (header, batch) = try batch(in: segment, at: position) {
                    if header.maxTimestampMillis >= timestampMillis {
                        let records = try decode(header, batch, in: segment, at: position)
                        if let found = records.first(where: { $0.timestampMillis >= timestampMillis }) { return found.offset }
                    }
                    position += batch.count
                }
            }
            return nil
        }
    }

    /// Deletes whole segments, oldest first, never the active one: those whose newest record is
    /// older than `retentionMillis` before `nowMillis`, then more while the partition is larger
    /// than `retentionBytesMax`.
    /// - Returns: the base offsets of the deleted segments.
    /// - Throws: `SluiceError.io` when a file cannot be deleted.
    @discardableResult
    public func applyRetention(nowMillis: Int64) throws -> [Int64] {
        try lock.withLock {
            var deleted: [Int64] = []
            var totalBytes = segments.reduce(0) { $0 + $1.sizeBytes }
            while segments.count > 1 {
                let oldest = segments[0]
                let tooOld = configuration.retentionMillis.map { oldest.maxTimestampMillis < nowMillis - $0 } ?? false
                let tooLarge = configuration.retentionBytesMax.map { totalBytes > $0 } ?? false
                guard tooOld || tooLarge else { break }
                try delete(oldest)
                segments.removeFirst()
                totalBytes -= oldest.sizeBytes
                deleted.append(oldest.baseOffset)
            }
            return deleted
        }
    }

    // MARK: - Under the lock

    private func roll() throws -> LogSegment {
        let closing = segments[segments.count - 1]
        try closing.sync()
        let next = try LogSegment(directory: directory, baseOffset: closing.nextOffset, indexIntervalBytes: configuration.indexIntervalBytes)
        segments.append(next)
        // The new files' names must survive a crash with the data written into them.
        try syncDirectory()
        return next
    }

    private func syncIfDue() throws {
        switch configuration.flushPolicy {
        case .everyAppend:
            try syncActive()
        case .batched(let intervalMillis, let unsyncedBytesMax):
            if unsyncedBytes >= unsyncedBytesMax || configuration.clock.nowMillis() - lastSyncMillis >= intervalMillis {
                try syncActive()
            }
        }
    }

    private func syncActive() throws {
        try segments[segments.count - 1].log.sync()
        unsyncedBytes = 0
        lastSyncMillis = configuration.clock.nowMillis()
    }

    private func syncDirectory() throws {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SegmentFile.error(errno, "cannot open", directory) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw SegmentFile.error(errno, "cannot sync", directory) }
    }

    private func delete(_ segment: LogSegment) throws {
        segment.close()
        for path in [segment.log.path, segment.offsetIndex.path, segment.timeIndex.path] {
            guard unlink(path) == 0 || errno == ENOENT else { throw SegmentFile.error(errno, "cannot delete", path) }
        }
    }

    /// The index of the last segment whose base offset is at or before `offset`.
    private func segmentIndex(containing offset: Int64) -> Int {
        var low = 0
        var high = segments.count
        while low < high {
            let middle = (low + high) / 2
            if segments[middle].baseOffset <= offset { low = middle + 1 } else { high = middle }
        }
        return max(0, low - 1)
    }

    /// The batch at `position`, or nil at the segment's end.
    private func batch(in segment: LogSegment, at position: Int) throws -> (LogBatchHeader, [UInt8])? {
        switch try segment.readBatch(at: position) {
        case .end: return nil
        case .batch(let header, let batch): return (header, batch)
        case .corrupt(let reason, _): throw segment.corruption(reason, at: position)
        }
    }

    private func decode(_ header: LogBatchHeader, _ batch: [UInt8], in segment: LogSegment, at position: Int) throws -> [StoredRecord] {
        do {
            return try LogBatchCodec.decodeRecords(header, batch: batch)
        } catch let error as SluiceError {
            throw segment.corruption(error.message, at: position + (error.location?.byteOffset ?? 0))
        }
    }

    /// The base offsets of the segment log files in `directory`, ascending.
    private static func segmentBaseOffsets(in directory: String) throws -> [Int64] {
        let names = try LocalFileSystem().list(directory).map { $0.path.split(separator: "/").last.map(String.init) ?? "" }
        return names.compactMap { name -> Int64? in
            guard name.hasSuffix(".log"), name.count == 24 else { return nil }
            return Int64(name.dropLast(4))
        }.sorted()
    }
}
