/// The outcome of a read that checks its offset against the log's bounds under the same lock.
enum PartitionLogBoundedRead {
    /// The records read, with the log's start and end offsets when they were read.
    case records([StoredRecord], startOffset: Int64, endOffset: Int64)
    /// The offset asked for was removed by retention; the log now starts here.
    case beforeStart(startOffset: Int64)
    /// The offset asked for is past the log's end offset.
    case pastEnd(endOffset: Int64)
}
