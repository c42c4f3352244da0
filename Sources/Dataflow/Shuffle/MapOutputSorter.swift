import SluiceCore

/// Sorts one map task's output by partition and key and writes it as one file with a sorted
/// segment per partition (see `SortedSegmentFormat`): the map side of the sorted shuffle, like
/// Hadoop's map output buffer.
///
/// Records are encoded into a byte arena with a small index entry each. When the arena and index
/// pass `bufferLimitBytes`, the index is sorted by (partition, key bytes), runs of equal keys are
/// combined when a `combine` function is given, and the buffer is written to a new spill file in
/// the spill directory. `finish(outputPath:)` merges the spills (combining again across them)
/// into the output file and removes them; when nothing was spilled the buffer is sorted and
/// written directly. All spills are merged in one pass, which suits the few spills a map task's
/// buffer produces; memory during the merge is about 256 KiB per spill.
///
/// Owned by one map task; not `Sendable` (the combine function need not be).
public struct MapOutputSorter<Key: ShuffleCodable, Value: ShuffleCodable> {
    /// How many partitions (reduce tasks) records are inserted for.
    public let partitionCount: Int
    /// The arena plus index size that triggers a spill.
    public let bufferLimitBytes: Int
    /// Where spill files are created; they are removed by `finish` or `removeSpillFiles`.
    public let spillDirectory: String
    @usableFromInline let combine: ((inout Value, Value) -> Void)?

    @usableFromInline var arena: RecordWriter
    @usableFromInline var entries: [MapOutputSortEntry] = []
    @usableFromInline var spills: [MapOutputSpill] = []

    @usableFromInline var recordsInsertedCount = 0

    /// How many records have been inserted since the sorter was created or last finished.
    public var insertedRecordCount: Int { recordsInsertedCount }
    @usableFromInline var spillFileByteCount = 0

    /// Bytes written to spill files since the sorter was created or last finished.
    public var spilledByteCount: Int { spillFileByteCount }

    /// Creates an empty sorter.
    ///
    /// - Parameters:
    ///   - partitionCount: how many partitions; at least 1.
    ///   - bufferLimitBytes: the buffer size (encoded records plus 24 bytes of index each) that
    ///     triggers a spill; at most `bufferLimitBytesMax`. Sorting briefly takes a second copy
    ///     of the index on top.
    ///   - spillDirectory: an existing directory for spill files.
    ///   - combine: folds a value into the accumulated value of the same key (a map-side
    ///     combiner); it must be associative, since it is applied per spill and again across spills.
    public init(partitionCount: Int, bufferLimitBytes: Int, spillDirectory: String,
                combine: ((inout Value, Value) -> Void)?) {
        precondition(partitionCount >= 1 && partitionCount <= Int(UInt32.max), "partition count out of range")
        precondition(bufferLimitBytes > 0 && bufferLimitBytes <= Self.bufferLimitBytesMax, "the buffer limit must be 1 byte to 2 GiB")
        self.partitionCount = partitionCount
        self.bufferLimitBytes = bufferLimitBytes
        self.spillDirectory = spillDirectory
        self.combine = combine
        arena = RecordWriter(capacityBytes: Swift.min(bufferLimitBytes, 64 * 1024))
    }

    /// The largest buffer limit: index entries hold 32-bit arena offsets, and one record may
    /// overshoot the limit before the spill.
    public static var bufferLimitBytesMax: Int { 1 << 31 }

    /// How many spill files have been written so far.
    public var spillCount: Int { spills.count }

    /// The memory the buffer holds now: the arena and the index, as counted against
    /// `bufferLimitBytes`.
    @inlinable
    public var estimatedMemoryBytes: Int {
        arena.byteCount + entries.count * MemoryLayout<MapOutputSortEntry>.stride
    }

    /// Adds one record; spills the buffer when it passes `bufferLimitBytes`.
    ///
    /// - Parameter partition: in `0..<partitionCount`.
    /// - Throws: `SluiceError.io` when a spill file cannot be written.
    @inlinable
    public mutating func insert(partition: Int, key: Key, value: Value) throws(SluiceError) {
        precondition(partition >= 0 && partition < partitionCount, "partition \(partition) out of range")
        let recordOffset = arena.byteCount
        key.encode(into: &arena)
        let keyEnd = arena.byteCount
        value.encode(into: &arena)
        let valueByteCount = arena.byteCount - keyEnd
        let keyPrefix = arena.withUnsafeBytes { bytes in
            ShuffleKeyBytes.prefix(UnsafeRawBufferPointer(start: bytes.baseAddress! + recordOffset, count: keyEnd - recordOffset))
        }
        entries.append(MapOutputSortEntry(keyPrefix: keyPrefix, recordOffset: UInt32(recordOffset), partition: UInt32(partition),
                                          keyByteCount: UInt32(keyEnd - recordOffset), valueByteCount: UInt32(valueByteCount)))
        recordsInsertedCount += 1
        if estimatedMemoryBytes >= bufferLimitBytes { try spill() }
    }

    /// Writes everything inserted to `outputPath` (replacing any file there) as one sorted
    /// segment per partition, and removes the spill files. The sorter is empty afterwards; after
    /// an error it holds no spill files and should be discarded.
    ///
    /// The output is not synced to disk: a lost map output is recomputed by rerunning the task.
    ///
    /// - Throws: `SluiceError.io` naming the file that failed; `SluiceError.data` when a spill
    ///   file reads back corrupt. Spill files are removed either way.
    @inlinable
    public mutating func finish(outputPath: String) throws(SluiceError) -> SortedMapOutput {
        defer { removeSpillFiles() }
        let partitionByteRanges: [Range<Int>]
        let recordCounts: [Int]
        let outputByteCount: Int
        var spillCount = 0
        if spills.isEmpty {
            var writer = try SortedSegmentFileWriter(creating: outputPath, exclusive: false)
            (partitionByteRanges, recordCounts) = try writeSortedBuffer(to: &writer)
            outputByteCount = try writer.close()
        } else {
            if !entries.isEmpty { try spill() }
            spillCount = spills.count
            (partitionByteRanges, recordCounts, outputByteCount) = try mergeSpills(into: outputPath)
        }
        let output = SortedMapOutput(path: outputPath, partitionByteRanges: partitionByteRanges, recordCounts: recordCounts,
                                     inputRecordCount: insertedRecordCount, spillCount: spillCount,
                                     spilledByteCount: spilledByteCount, outputByteCount: outputByteCount)
        clearBuffer()
        recordsInsertedCount = 0
        spillFileByteCount = 0
        return output
    }

    /// Removes the spill files written so far, for a task that fails or is cancelled before
    /// `finish`.
    @inlinable
    public mutating func removeSpillFiles() {
        for spill in spills { ShuffleFileIO.removeIfPresent(spill.path) }
        spills.removeAll()
    }

    /// Sorts and combines the buffer into a new spill file, then empties the buffer.
    @inlinable
    mutating func spill() throws(SluiceError) {
        let path = ShuffleFileIO.newSpillFilePath(in: spillDirectory)
        var writer = try SortedSegmentFileWriter(creating: path, exclusive: true)
        let (partitionByteRanges, recordCounts) = try writeSortedBuffer(to: &writer)
        spillFileByteCount += try writer.close()
        spills.append(MapOutputSpill(path: path, partitionByteRanges: partitionByteRanges, recordCounts: recordCounts))
        clearBuffer()
    }

    @inlinable
    mutating func clearBuffer() {
        arena.removeAll()
        entries.removeAll(keepingCapacity: true)
    }
}
