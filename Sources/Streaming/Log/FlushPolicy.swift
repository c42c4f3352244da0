/// When a partition log forces appended records to stable storage.
public enum FlushPolicy: Sendable, Equatable {
    /// Every `append` returns only after fsync: an acknowledged record survives a crash.
    case everyAppend
    /// An `append` returns once the data is written to the file; fsync happens on the first
    /// append after `intervalMillis` have passed or `unsyncedBytesMax` bytes have piled up since
    /// the last one, or when `sync()` is called. A crash may lose what was not yet synced.
    case batched(intervalMillis: Int64, unsyncedBytesMax: Int)
}
