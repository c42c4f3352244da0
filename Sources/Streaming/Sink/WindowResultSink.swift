/// Where a windowed aggregation's results go after each batch.
///
/// Threading: called on the query driver's thread only.
protocol WindowResultSink<Key, Value>: AnyObject {
    associatedtype Key
    associatedtype Value
    /// A short description for fingerprints (`table:/data/counts`).
    var sinkDescription: String { get }
    /// Commits one batch: `open` holds every window still open after the batch (sorted),
    /// `retired` the windows that became final in it (sorted).
    func commit(batchId: Int64, open: [WindowResult<Key, Value>], retired: [WindowResult<Key, Value>]) throws -> SinkOutcome
    /// Makes what the sink writes to exist before the first batch (a table sink's table).
    func prepare() throws
}

extension WindowResultSink {
    func prepare() throws {}
}
