import SluiceCore

/// `UNION ALL`: the batches of every input, relabelled with the output schema. Inputs are
/// read one after another, each by as many threads as pull, so each input's pipeline still
/// runs in parallel.
///
/// Threading: safe for concurrent `next()`; threads pull whichever input is current.
public final class UnionAllStream: BatchStream, @unchecked Sendable {
    // Sendable: `currentInput` is guarded by `lock`.
    public let schema: Schema
    private let unionInputs: [any BatchStream]
    private let lock = Mutex()
    private var currentInput = 0

    /// - Parameters:
    ///   - inputs: streams whose column types are `outputSchema`'s (names may differ).
    public init(inputs: [any BatchStream], outputSchema: Schema) {
        self.unionInputs = inputs
        self.schema = outputSchema
    }

    public var operatorName: String { "UnionAll" }
    public var operatorDetails: String { "" }
    public var inputs: [any BatchStream] { unionInputs }

    /// - Throws: the inputs' errors; `SluiceError` (internal) when an input's batch has
    ///   column types other than the output schema's.
    public func next() throws -> RecordBatch? {
        while true {
            let index = lock.withLock { currentInput }
            guard index < unionInputs.count else { return nil }
            if let batch = try unionInputs[index].next() { return try relabelled(batch) }
            lock.withLock { if currentInput == index { currentInput += 1 } }
        }
    }

    private func relabelled(_ batch: RecordBatch) throws -> RecordBatch {
        if batch.schema == schema { return batch }
        guard batch.columns.map(\.type) == schema.fields.map(\.type) else {
            throw SluiceError.internal("UNION ALL input has types \(batch.columns.map(\.type)), the output \(schema.fields.map(\.type))")
        }
        return RecordBatch(schema: schema, columns: batch.columns)
    }
}
