import SluiceCore

/// A closed segment whose files live in the tier file system: `<base>.log`, `.index` and
/// `.timeindex` under the partition's tier folder. Its offsets, newest timestamp and size come
/// from the partition's manifest, so opening a partition reads nothing from the tier; the sparse
/// index is fetched on the first read that needs it.
///
/// Not thread-safe: the owning `PartitionLog` serializes every call under its lock.
final class TieredSegment {
    let tier: LogTier
    let baseOffset: Int64
    /// One past the last offset in the segment.
    let nextOffset: Int64
    let maxTimestampMillis: Int64
    let sizeBytes: Int
    private var loadedEntries: [LogIndexEntry]?
    private var file: (any ReadableFile)?

    init(tier: LogTier, baseOffset: Int64, nextOffset: Int64, maxTimestampMillis: Int64, sizeBytes: Int, entries: [LogIndexEntry]? = nil) {
        self.tier = tier
        self.baseOffset = baseOffset
        self.nextOffset = nextOffset
        self.maxTimestampMillis = maxTimestampMillis
        self.sizeBytes = sizeBytes
        loadedEntries = entries
    }

    var logPath: String { Self.path(in: tier, baseOffset: baseOffset, suffix: ".log") }

    /// The tier paths of the segment's three files.
    var paths: [String] {
        [".log", ".index", ".timeindex"].map { Self.path(in: tier, baseOffset: baseOffset, suffix: $0) }
    }

    static func path(in tier: LogTier, baseOffset: Int64, suffix: String) -> String {
        tier.directory + "/" + LogSegment.fileStem(baseOffset: baseOffset) + suffix
    }

    /// The byte position of the batch to start scanning from to find `offset`.
    func startPosition(forOffset offset: Int64) throws -> Int {
        LogIndexEntry.startPosition(in: try entries(), forRelativeOffset: offset - baseOffset)
    }

    /// The byte position to start scanning from to find the first record at or after `timestampMillis`.
    func startPosition(forTimestamp timestampMillis: Int64) throws -> Int {
        LogIndexEntry.startPosition(in: try entries(), forTimestamp: timestampMillis)
    }

    /// The batch at `position` of the tiered log file, checked against its checksum. Tiered
    /// files were whole when they were copied, so any damage is reported, never cut off.
    func readBatch(at position: Int) throws -> LogBatchRead {
        if position >= sizeBytes { return .end }
        let file = try openFile()
        guard position + LogBatchHeader.sizeBytes <= sizeBytes else { return .corrupt(reason: "a batch header is cut short", reachesEnd: true) }
        let headerBytes = try file.read(offset: position, count: LogBatchHeader.sizeBytes)
        guard let header = LogBatchHeader(parsing: headerBytes) else { return .corrupt(reason: "a batch header is invalid", reachesEnd: false) }
        guard position + header.batchSizeBytes <= sizeBytes else { return .corrupt(reason: "a batch is cut short", reachesEnd: true) }
        let batch = try file.read(offset: position, count: header.batchSizeBytes)
        guard LogBatchCodec.checksumMatches(header, batch: batch) else {
            return .corrupt(reason: "a batch checksum does not match", reachesEnd: false)
        }
        return .batch(header, batch)
    }

    /// The error for a bad batch, naming the tier file and byte position.
    func corruption(_ reason: String, at position: Int) -> SluiceError {
        .data(reason, at: SourceLocation(file: logPath, byteOffset: position))
    }

    /// Drops the open tier file, if any.
    func close() {
        try? file?.close()
        file = nil
    }

    private func openFile() throws -> any ReadableFile {
        if let file { return file }
        let opened = try tier.fileSystem.openForReading(logPath)
        guard opened.sizeBytes == sizeBytes else {
            try? opened.close()
            throw SluiceError.data(
                "the tiered segment holds \(opened.sizeBytes) bytes where the manifest says \(sizeBytes)",
                at: SourceLocation(file: logPath))
        }
        file = opened
        return opened
    }

    private func entries() throws -> [LogIndexEntry] {
        if let loadedEntries { return loadedEntries }
        let offsetBytes = try tier.fileSystem.readAll(Self.path(in: tier, baseOffset: baseOffset, suffix: ".index"))
        let timeBytes = try tier.fileSystem.readAll(Self.path(in: tier, baseOffset: baseOffset, suffix: ".timeindex"))
        // An unreadable index only costs scan time: reads then start at the segment's first batch.
        let parsed = LogIndexEntry.parse(offsetIndexBytes: offsetBytes, timeIndexBytes: timeBytes)
            .filter { Int($0.position) < sizeBytes }
        loadedEntries = parsed
        return parsed
    }
}
