/// What the query driver needs from a source to plan a micro-batch: its partitions and how far
/// each has records. Reading is done by the source's own typed code inside the tasks.
///
/// Threading: implementations are safe to call from any thread.
protocol StreamSource: Sendable {
    /// How the source appears in fingerprints and progress (`topic:clicks`).
    var sourceDescription: String { get }
    /// How the source is named in dead letters (the topic, or the table location).
    var sourceName: String { get }
    /// The offset after the last readable record, per source partition.
    func endOffsets() throws -> [Int64]
    /// Where a pipeline reads from when no checkpoint says otherwise, per source partition.
    func initialOffsets() throws -> [Int64]
}
