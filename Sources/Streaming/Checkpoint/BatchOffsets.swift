/// The offsets a micro-batch reads, written to `offsets/<batch>` before it runs so that a
/// replay after a crash reads exactly the same records.
struct BatchOffsets: Sendable, Codable, Equatable {
    var batchId: Int64
    var source: String
    /// Per source partition, in partition order.
    var startOffsets: [Int64]
    var endOffsets: [Int64]
    /// The version of each joined table (by location) the batch looks up, so a replay joins
    /// with the same rows; nil when the pipeline joins no table.
    var tableVersions: [String: Int64]?

    var recordCount: Int64 { zip(startOffsets, endOffsets).reduce(0) { $0 + ($1.1 - $1.0) } }
}
