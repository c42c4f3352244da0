/// A partition log's offsets and size, taken at one moment.
public struct PartitionLogSummary: Sendable, Equatable {
    /// The oldest offset still readable.
    public var startOffset: Int64
    /// The offset the next appended record will get.
    public var endOffset: Int64
    /// The size of all segment log files, tiered ones included.
    public var sizeBytes: Int
    /// All segments: tiered, closed local and the active one.
    public var segmentCount: Int
    /// The segments whose files are in the tier.
    public var tieredSegmentCount: Int
}
