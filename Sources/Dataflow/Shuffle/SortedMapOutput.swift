/// One map task's sorted output: a file holding one sorted segment per partition (see
/// `SortedSegmentFormat`), and what a reducer needs to fetch its partition's segment.
public struct SortedMapOutput: Sendable, Equatable {
    /// The output file.
    public var path: String
    /// Each partition's segment in the file, header included; partition `p` is at index `p`.
    public var partitionByteRanges: [Range<Int>]
    /// How many records each partition's segment holds (after combining).
    public var recordCounts: [Int]
    /// How many records were inserted, before combining.
    public var inputRecordCount: Int
    /// How many spill files were written while the buffer filled (0 when everything fit).
    public var spillCount: Int
    /// Bytes written to spill files, not counting the output file.
    public var spilledByteCount: Int
    /// The output file's size.
    public var outputByteCount: Int

    /// How many records the output holds, after combining.
    public var outputRecordCount: Int { recordCounts.reduce(0, +) }

    public init(path: String, partitionByteRanges: [Range<Int>], recordCounts: [Int], inputRecordCount: Int,
                spillCount: Int, spilledByteCount: Int, outputByteCount: Int) {
        self.path = path
        self.partitionByteRanges = partitionByteRanges
        self.recordCounts = recordCounts
        self.inputRecordCount = inputRecordCount
        self.spillCount = spillCount
        self.spilledByteCount = spilledByteCount
        self.outputByteCount = outputByteCount
    }
}

extension SortedMapOutput {
    /// This output as the shuffle sees it (one file segment per reduce partition), its records and
    /// bytes added to the task's metrics.
    @inlinable
    func mapOutput(countingIn task: TaskContext) -> MapOutput {
        task.metrics.recordsWritten += outputRecordCount
        task.metrics.shuffleBytesWritten += outputByteCount
        task.metrics.spilledBytes += spilledByteCount
        let segments = partitionByteRanges.map { [ShuffleSegment.file(path: path, byteRange: $0)] }
        return MapOutput(segmentsByPartition: segments, reservedMemoryBytes: 0)
    }
}
