#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

extension PartitionLog {
    /// Moves every closed segment (all local ones but the active one) to the tier: copies its
    /// files there, lists it in the tier manifest, then deletes the local files. The segments
    /// stay readable from the tier.
    ///
    /// Appends and reads go on while the files are copied; the log's lock is held only to
    /// switch the segments over.
    /// - Returns: the number of segments moved.
    /// - Throws: `SluiceError.userInput` when no tier is configured; `SluiceError.io` when a
    ///   copy, the manifest or a delete fails (segments not yet listed in the manifest stay local).
    @discardableResult
    public func tierClosedSegments() throws -> Int {
        guard let tier = configuration.tier else {
            throw SluiceError.userInput("the partition log in '\(directory)' has no tier to move segments to")
        }
        return try maintenanceLock.withLock {
            // Closed segments never change again and only retention (held off by the
            // maintenance lock) removes them, so they can be copied without the log's lock.
            let closed = lock.withLock { Array(segments.dropLast()) }
            guard !closed.isEmpty else { return 0 }
            try tier.fileSystem.makeDirectories(tier.directory)
            var moved: [TieredSegment] = []
            for segment in closed {
                try copy(segment, to: tier)
                moved.append(TieredSegment(
                    tier: tier, baseOffset: segment.baseOffset, nextOffset: segment.nextOffset,
                    maxTimestampMillis: segment.maxTimestampMillis, sizeBytes: segment.sizeBytes, entries: segment.entries))
            }
            try lock.withLock {
                try writeManifest(tieredSegments + moved)
                tieredSegments += moved
                segments.removeFirst(closed.count)
                for segment in closed { try delete(segment) }
                try syncDirectory()
            }
            logger.debug("moved closed segments to the tier", metadata: ["directory": "\(directory)", "segments": "\(closed.count)"])
            return closed.count
        }
    }

    /// Replaces the tier manifest with one listing `tiered`. Called under the lock.
    func writeManifest(_ tiered: [TieredSegment]) throws {
        let manifest = TieredSegmentManifest(entries: tiered.map {
            TieredSegmentManifest.Entry(baseOffset: $0.baseOffset, nextOffset: $0.nextOffset, maxTimestampMillis: $0.maxTimestampMillis, sizeBytes: $0.sizeBytes)
        })
        try AtomicFileWrite.replace(TieredSegmentManifest.path(inPartition: directory), with: manifest.encoded())
    }

    /// The segments the manifest in `directory` lists, or none when there is no manifest.
    static func loadTieredSegments(directory: String, tier: LogTier?) throws -> [TieredSegment] {
        let path = TieredSegmentManifest.path(inPartition: directory)
        let local = LocalFileSystem()
        guard local.exists(path) else { return [] }
        let manifest = try TieredSegmentManifest(parsing: try local.readAll(path), path: path)
        guard !manifest.entries.isEmpty else { return [] }
        guard let tier else {
            throw SluiceError.userInput(
                "the partition log in '\(directory)' has \(manifest.entries.count) segments in a tier, but no tier is configured")
        }
        return manifest.entries.map {
            TieredSegment(tier: tier, baseOffset: $0.baseOffset, nextOffset: $0.nextOffset, maxTimestampMillis: $0.maxTimestampMillis, sizeBytes: $0.sizeBytes)
        }
    }

    /// Deletes a local segment's three files, which need not all exist.
    static func deleteLocalFiles(directory: String, baseOffset: Int64) throws {
        let stem = directory + "/" + LogSegment.fileStem(baseOffset: baseOffset)
        for path in [stem + ".log", stem + ".index", stem + ".timeindex"] {
            guard unlink(path) == 0 || errno == ENOENT else { throw SegmentFile.error(errno, "cannot delete", path) }
        }
    }

    /// Writes a closed segment's log and index files into the tier. The indexes are written
    /// from the recovered entries in memory, which are what reads trust.
    private func copy(_ segment: LogSegment, to tier: LogTier) throws {
        let chunkBytes = 1 << 20
        let logFile = try tier.fileSystem.create(TieredSegment.path(in: tier, baseOffset: segment.baseOffset, suffix: ".log"), overwrite: true)
        do {
            var position = 0
            while position < segment.sizeBytes {
                let chunk = try segment.log.read(at: position, count: min(chunkBytes, segment.sizeBytes - position))
                guard !chunk.isEmpty else { throw SluiceError.io("'\(segment.log.path)' ended early at byte \(position)") }
                try logFile.write(chunk)
                position += chunk.count
            }
            try logFile.close()
        } catch {
            logFile.abort()
            throw error
        }
        try tier.fileSystem.write(
            segment.entries.flatMap(\.offsetIndexBytes), to: TieredSegment.path(in: tier, baseOffset: segment.baseOffset, suffix: ".index"))
        try tier.fileSystem.write(
            segment.entries.flatMap(\.timeIndexBytes), to: TieredSegment.path(in: tier, baseOffset: segment.baseOffset, suffix: ".timeindex"))
    }
}
