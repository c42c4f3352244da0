import SluiceCore

/// `LIMIT n OFFSET m` in input order: skips the first `offset` rows, then passes on at most
/// `limit` rows, and stops pulling its input as soon as it has passed them all.
///
/// Threading: safe for concurrent `next()`; each caller pulls its own input batch and the rows
/// are counted in the order the batches are claimed under a lock. Over an ordered input the
/// caller pulls with one thread, so "first" means first in that order.
public final class LimitStream: BatchStream, @unchecked Sendable {
    public let schema: Schema
    public let limit: Int?
    public let offset: Int
    private let input: any BatchStream
    private let lock = Mutex()
    private var rowsToSkip: Int
    private var rowsLeft: Int
    private var isFinished = false

    /// - Parameters:
    ///   - limit: the most rows passed on; nil for no limit (only the offset applies).
    ///   - offset: rows dropped first.
    public init(input: any BatchStream, limit: Int?, offset: Int) {
        self.input = input
        self.schema = input.schema
        self.limit = limit
        self.offset = max(0, offset)
        self.rowsToSkip = max(0, offset)
        self.rowsLeft = limit.map { max(0, $0) } ?? Int.max
        self.isFinished = rowsLeft == 0
    }

    public var operatorName: String { "Limit" }

    public var operatorDetails: String {
        var parts: [String] = []
        if let limit { parts.append("limit: \(limit)") }
        if offset > 0 { parts.append("offset: \(offset)") }
        return parts.joined(separator: ", ")
    }

    public var inputs: [any BatchStream] { [input] }

    public func next() throws -> RecordBatch? {
        while true {
            if lock.withLock({ isFinished }) { return nil }
            let batch: RecordBatch?
            do {
                batch = try input.next()
            } catch {
                lock.withLock { isFinished = true }
                throw error
            }
            guard let batch else {
                lock.withLock { isFinished = true }
                return nil
            }
            let kept: Range<Int>? = lock.withLock {
                guard !isFinished else { return nil }
                let skipped = min(rowsToSkip, batch.rowCount)
                rowsToSkip -= skipped
                let taken = min(rowsLeft, batch.rowCount - skipped)
                rowsLeft -= taken
                if rowsLeft == 0 { isFinished = true }
                return skipped..<skipped + taken
            }
            guard let kept else { return nil }
            // A batch wholly inside the offset yields nothing; pull the next one.
            if kept.isEmpty { continue }
            return kept.count == batch.rowCount ? batch : batch.slice(kept)
        }
    }
}
