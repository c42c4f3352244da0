/// The answer to a fetch: the records read and where the partition stands.
public struct FetchedRecords: Sendable, Equatable {
    /// In offset order, starting at the offset asked for.
    public var records: [StoredRecord]
    /// The offset to fetch next: one past the last record returned, or the offset asked for.
    public var nextOffset: Int64
    /// The partition's oldest readable offset when the fetch ran.
    public var partitionStartOffset: Int64
    /// The partition's end offset when the fetch ran: `nextOffset == partitionEndOffset`
    /// means the reader has caught up.
    public var partitionEndOffset: Int64

    public init(records: [StoredRecord], nextOffset: Int64, partitionStartOffset: Int64, partitionEndOffset: Int64) {
        self.records = records
        self.nextOffset = nextOffset
        self.partitionStartOffset = partitionStartOffset
        self.partitionEndOffset = partitionEndOffset
    }
}
