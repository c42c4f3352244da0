import SluiceCore

/// What reads need from a segment, wherever its files are: on the local disk (`LogSegment`) or
/// in the tier (`TieredSegment`).
///
/// Not thread-safe: the owning `PartitionLog` serializes every call under its lock.
protocol ReadableLogSegment: AnyObject {
    var baseOffset: Int64 { get }
    /// The newest record timestamp in the segment; `Int64.min` while it is empty.
    var maxTimestampMillis: Int64 { get }
    var sizeBytes: Int { get }
    func startPosition(forOffset offset: Int64) throws -> Int
    func startPosition(forTimestamp timestampMillis: Int64) throws -> Int
    func readBatch(at position: Int) throws -> LogBatchRead
    func corruption(_ reason: String, at position: Int) -> SluiceError
}

extension LogSegment: ReadableLogSegment {}
extension TieredSegment: ReadableLogSegment {}
