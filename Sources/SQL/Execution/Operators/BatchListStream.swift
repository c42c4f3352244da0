import SluiceCore

/// A stream over batches already in memory (`VALUES`, a finished operator's result, tests):
/// hands them out in order, each to one caller.
///
/// Threading: safe for concurrent `next()`.
public final class BatchListStream: BatchStream, @unchecked Sendable {
    public let schema: Schema
    public let operatorName: String
    public let operatorDetails: String
    private let batches: [RecordBatch]
    private let lock = Mutex()
    private var nextIndex = 0

    public init(schema: Schema, batches: [RecordBatch], name: String = "Batches", details: String = "") {
        self.schema = schema
        self.batches = batches
        self.operatorName = name
        self.operatorDetails = details
    }

    public var inputs: [any BatchStream] { [] }

    public func next() throws -> RecordBatch? {
        lock.withLock {
            guard nextIndex < batches.count else { return nil }
            defer { nextIndex += 1 }
            return batches[nextIndex]
        }
    }
}
