import SluiceCore

/// Keeps the rows of its input where a BOOLEAN predicate is TRUE (not FALSE, not NULL).
///
/// Streaming: each `next()` pulls one input batch and filters it on the calling thread, so
/// several threads pulling at once filter in parallel. Batches where no row survives are not
/// returned; the stream pulls again instead.
///
/// Threading: safe for concurrent `next()` when the input is.
public final class FilterStream: BatchStream {
    public let input: any BatchStream
    public let predicate: PhysicalExpression

    /// - Parameters:
    ///   - predicate: BOOLEAN, over the input's columns by position.
    public init(input: any BatchStream, predicate: PhysicalExpression) {
        self.input = input
        self.predicate = predicate
    }

    public var schema: Schema { input.schema }
    public var operatorName: String { "Filter" }
    public var operatorDetails: String { predicate.description }
    public var inputs: [any BatchStream] { [input] }

    /// The next batch with at least one surviving row, or nil at the end of the input.
    /// - Throws: `SluiceError` from the input or from evaluating the predicate.
    public func next() throws -> RecordBatch? {
        while let batch = try input.next() {
            guard batch.rowCount > 0 else { continue }
            let rows = try ExpressionEvaluator.select(predicate, on: batch)
            if rows.isEmpty { continue }
            return BatchRows.take(rows, of: batch)
        }
        return nil
    }
}
