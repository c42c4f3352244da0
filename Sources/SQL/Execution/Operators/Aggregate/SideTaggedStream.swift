import SluiceCore

/// One input of a set operation with a BIGINT column appended that says which side each row
/// came from (1 left, 0 right), so one aggregation can count a row's copies on each side.
///
/// Threading: safe for concurrent `next()` (it only transforms its input's batches).
final class SideTaggedStream: BatchStream, @unchecked Sendable {
    // Sendable: immutable after init; the input is itself thread-safe.
    let schema: Schema
    private let input: any BatchStream
    private let tag: Int64

    /// - Parameters:
    ///   - schema: the set operation's output schema plus the tag column.
    init(input: any BatchStream, isLeft: Bool, schema: Schema) {
        self.input = input
        self.tag = isLeft ? 1 : 0
        self.schema = schema
    }

    var operatorName: String { tag == 1 ? "LeftSide" : "RightSide" }
    var operatorDetails: String { "" }
    var inputs: [any BatchStream] { [input] }

    func next() throws -> RecordBatch? {
        guard let batch = try input.next() else { return nil }
        guard batch.columns.map(\.type) == schema.fields.dropLast().map(\.type) else {
            throw SluiceError.internal("set operation input has types \(batch.columns.map(\.type)), the output \(schema.fields.dropLast().map(\.type))")
        }
        let tags = Column(type: .int64, values: .int64([Int64](repeating: tag, count: batch.rowCount)))
        return RecordBatch(schema: schema, columns: batch.columns + [tags])
    }
}
