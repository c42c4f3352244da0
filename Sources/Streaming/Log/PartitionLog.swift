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
/// With a tier configured, `tierClosedSegments()` moves closed segments to the tier file system;
/// they stay readable, are listed in the partition's `tiered-segments` manifest and count
/// towards retention, which deletes them like local ones.
///
/// Thread-safe: every method runs under one lock, so appends from many threads get distinct,
/// contiguous offset ranges. Tiering and retention also take a second lock, so they run one at
/// a time while appends and reads go on during the copy to the tier. A read of tiered segments
/// holds the lock while it reads from the tier file system, so appends wait for it.
public final class PartitionLog: @unchecked Sendable {
    // Sendable: all mutable state is touched only under `lock`.
    let lock = Mutex()
    /// Serializes tiering and retention, which change the oldest segments.
    let maintenanceLock = Mutex()
    public let directory: String
    public let configuration: PartitionLogConfiguration
    let logger = Logger(label: "sluice.streaming.log")
    /// Segments moved to the tier, in offset order; all older than every local segment.
    var tieredSegments: [TieredSegment] = []
    /// Local segments in offset order; the last is the active one appends go to.
    var segments: [LogSegment] = []
    private var unsyncedBytes = 0
    private var lastSyncMillis: Int64

    /// Opens the partition log in `directory`, creating the folder and a first segment when
    /// there is none, and recovers the last segment's tail. Segments listed in the tier
    /// manifest are found again in the tier.
    /// - Throws: `SluiceError.data` naming file and byte offset when a segment or the tier
    ///   manifest is damaged other than by a torn last write; `SluiceError.userInput` when the
    ///   partition has tiered segments but `configuration.tier` is nil; `SluiceError.io` when
    ///   the folder or files cannot be used.
    public init(directory: String, configuration: PartitionLogConfiguration = PartitionLogConfiguration()) throws {
        self.directory = directory
        self.configuration = configuration
        lastSyncMillis = configuration.clock.nowMillis()
        try LocalFileSystem().makeDirectories(directory)
        tieredSegments = try Self.loadTieredSegments(directory: directory, tier: configuration.tier)
        let tieredEndOffset = tieredSegments.last?.nextOffset ?? 0
        var baseOffsets = try Self.segmentBaseOffsets(in: directory)
        // A crash after the manifest listed a segment but before its local files were deleted
        // leaves both copies; the tier's is the one the manifest vouches for.
        while let first = baseOffsets.first, first < tieredEndOffset {
            try Self.deleteLocalFiles(directory: directory, baseOffset: first)
            baseOffsets.removeFirst()
        }
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
            segments.append(try LogSegment(directory: directory, baseOffset: tieredEndOffset, indexIntervalBytes: configuration.indexIntervalBytes))
        }
        if !tieredSegments.isEmpty, segments[0].baseOffset != tieredEndOffset {
            throw SluiceError.data(
                "the tiered segments end at offset \(tieredEndOffset) but the local ones start at \(segments[0].baseOffset)",
                at: SourceLocation(file: TieredSegmentManifest.path(inPartition: directory)))
        }
    }

    deinit {
        for segment in segments { segment.close() }
        for segment in tieredSegments { segment.close() }
    }

    /// The oldest offset still in the log.
    public var startOffset: Int64 { lock.withLock { oldestBaseOffset } }

    /// The offset the next appended record will get.
    public var endOffset: Int64 { lock.withLock { segments[segments.count - 1].nextOffset } }

    /// The number of segments, tiered ones and the active one included.
    public var segmentCount: Int { lock.withLock { tieredSegments.count + segments.count } }

    /// The number of segments whose files are in the tier.
    public var tieredSegmentCount: Int { lock.withLock { tieredSegments.count } }

    /// The total size of all segment log files, tiered ones included.
    public var sizeBytes: Int { lock.withLock { totalSizeBytes } }

    /// Offsets, size and segment counts read together under the lock, so they agree.
    public var summary: PartitionLogSummary {
        lock.withLock {
            PartitionLogSummary(
                startOffset: oldestBaseOffset, endOffset: segments[segments.count - 1].nextOffset, sizeBytes: totalSizeBytes,
                segmentCount: tieredSegments.count + segments.count, tieredSegmentCount: tieredSegments.count)
        }
    }

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
            guard offset >= oldestBaseOffset else {
                throw SluiceError(.userInput, "offset \(offset) is before the log start offset \(oldestBaseOffset)", condition: .notFound)
            }
            return try readLocked(from: offset, maxBytes: maxBytes)
        }
    }

    /// Like `read(from:maxBytes:)`, with the log's start and end offsets at the time of the
    /// read, and the offset checked against both instead of throwing.
    func readBounded(from offset: Int64, maxBytes: Int) throws -> PartitionLogBoundedRead {
        try lock.withLock {
            let startOffset = oldestBaseOffset
            let endOffset = segments[segments.count - 1].nextOffset
            if offset < startOffset { return .beforeStart(startOffset: startOffset) }
            if offset > endOffset { return .pastEnd(endOffset: endOffset) }
            return .records(try readLocked(from: offset, maxBytes: maxBytes), startOffset: startOffset, endOffset: endOffset)
        }
    }

    /// Reads from `offset`, which is at or after the start offset.
    private func readLocked(from offset: Int64, maxBytes: Int) throws -> [StoredRecord] {
        var records: [StoredRecord] = []
        var bytesTaken = 0
        let count = tieredSegments.count + segments.count
        var segmentIndex = segmentIndex(containing: offset)
        var position = try segment(at: segmentIndex).startPosition(forOffset: offset)
        while segmentIndex < count {
            let segment = segment(at: segmentIndex)
            guard let (header, batch) = try batch(in: segment, at: position) else {
                segmentIndex += 1
                position = 0
                continue
            }
            position += batch.count
            guard header.nextOffset > offset else { continue }
            let batchPosition = position - batch.count
            let fits: Bool
            do {
                fits = try LogBatchCodec.appendRecords(header, batch: batch, from: offset, to: &records, bytesTaken: &bytesTaken, bytesMax: maxBytes)
            } catch let error as SluiceError {
                throw segment.corruption(error.message, at: batchPosition + (error.location?.byteOffset ?? 0))
            }
            if !fits { return records }
        }
        return records
    }

    /// The first offset whose record's timestamp is at or after `timestampMillis`, or nil when
    /// no record is that new.
    /// - Throws: `SluiceError.data` naming file and byte offset for a damaged batch.
    public func offset(forTimestamp timestampMillis: Int64) throws -> Int64? {
        try lock.withLock {
            for index in 0..<(tieredSegments.count + segments.count) {
                let segment = segment(at: index)
                guard segment.maxTimestampMillis >= timestampMillis else { continue }
                var position = try segment.startPosition(forTimestamp: timestampMillis)
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

    /// Deletes whole segments, oldest first and tiered ones before local ones, never the active
    /// one: those whose newest record is older than `retentionMillis` before `nowMillis`, then
    /// more while the partition is larger than `retentionBytesMax`.
    /// - Returns: the base offsets of the deleted segments.
    /// - Throws: `SluiceError.io` when a file or the tier manifest cannot be written or deleted.
    @discardableResult
    public func applyRetention(nowMillis: Int64) throws -> [Int64] {
        try maintenanceLock.withLock {
            let (deleted, tieredGone) = try lock.withLock { () throws -> ([Int64], [TieredSegment]) in
                var deleted: [Int64] = []
                var totalBytes = totalSizeBytes
                var tieredGoneCount = 0
                var localGoneCount = 0
                while tieredGoneCount < tieredSegments.count || localGoneCount < segments.count - 1 {
                    let oldest: any ReadableLogSegment =
                        tieredGoneCount < tieredSegments.count ? tieredSegments[tieredGoneCount] : segments[localGoneCount]
                    let tooOld = configuration.retentionMillis.map { oldest.maxTimestampMillis < nowMillis - $0 } ?? false
                    let tooLarge = configuration.retentionBytesMax.map { totalBytes > $0 } ?? false
                    guard tooOld || tooLarge else { break }
                    if tieredGoneCount < tieredSegments.count { tieredGoneCount += 1 } else { localGoneCount += 1 }
                    totalBytes -= oldest.sizeBytes
                    deleted.append(oldest.baseOffset)
                }
                let tieredGone = Array(tieredSegments.prefix(tieredGoneCount))
                // The manifest drops the tiered segments before any local one goes, so a crash
                // in between never leaves a gap in the offsets.
                if tieredGoneCount > 0 {
                    try writeManifest(Array(tieredSegments.dropFirst(tieredGoneCount)))
                    tieredSegments.removeFirst(tieredGoneCount)
                }
                for _ in 0..<localGoneCount {
                    try delete(segments[0])
                    segments.removeFirst()
                }
                return (deleted, tieredGone)
            }
            // The manifest no longer lists them, so a failed delete only leaves unused files.
            for segment in tieredGone {
                segment.close()
                for path in segment.paths { try segment.tier.fileSystem.delete(path, recursive: false) }
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

    func syncDirectory() throws {
        try AtomicFileWrite.syncDirectory(directory)
    }

    func delete(_ segment: LogSegment) throws {
        segment.close()
        for path in [segment.log.path, segment.offsetIndex.path, segment.timeIndex.path] {
            guard unlink(path) == 0 || errno == ENOENT else { throw SegmentFile.error(errno, "cannot delete", path) }
        }
    }

    var oldestBaseOffset: Int64 { tieredSegments.first?.baseOffset ?? segments[0].baseOffset }

    var totalSizeBytes: Int {
        tieredSegments.reduce(0) { $0 + $1.sizeBytes } + segments.reduce(0) { $0 + $1.sizeBytes }
    }

    /// The segment at `index` counting tiered segments first, then local ones.
    private func segment(at index: Int) -> any ReadableLogSegment {
        index < tieredSegments.count ? tieredSegments[index] : segments[index - tieredSegments.count]
    }

    /// The index (tiered segments first) of the last segment whose base offset is at or before `offset`.
    private func segmentIndex(containing offset: Int64) -> Int {
        var low = 0
        var high = tieredSegments.count + segments.count
        while low < high {
            let middle = (low + high) / 2
            if segment(at: middle).baseOffset <= offset { low = middle + 1 } else { high = middle }
        }
        return max(0, low - 1)
    }

    /// The batch at `position`, or nil at the segment's end.
    private func batch(in segment: any ReadableLogSegment, at position: Int) throws -> (LogBatchHeader, [UInt8])? {
        switch try segment.readBatch(at: position) {
        case .end: return nil
        case .batch(let header, let batch): return (header, batch)
        case .corrupt(let reason, _): throw segment.corruption(reason, at: position)
        }
    }

    private func decode(_ header: LogBatchHeader, _ batch: [UInt8], in segment: any ReadableLogSegment, at position: Int) throws -> [StoredRecord] {
        do {
            return try LogBatchCodec.decodeRecords(header, batch: batch)
        } catch let error as SluiceError {
            throw segment.corruption(error.message, at: position + (error.location?.byteOffset ?? 0))
        }
    }

    /// The base offsets of the segment log files in `directory`, ascending.
    static func segmentBaseOffsets(in directory: String) throws -> [Int64] {
        let names = try LocalFileSystem().list(directory).map { $0.path.split(separator: "/").last.map(String.init) ?? "" }
        return names.compactMap { name -> Int64? in
            guard name.hasSuffix(".log"), name.count == 24 else { return nil }
            return Int64(name.dropLast(4))
        }.sorted()
    }
}
