import SluiceCore

/// Computes one output column per expression from each input batch.
///
/// Streaming: each `next()` pulls one input batch and evaluates the expressions on the calling
/// thread, so several threads pulling at once project in parallel. Plain column references
/// reuse the input column without copying.
///
/// Threading: safe for concurrent `next()` when the input is.
public final class ProjectStream: BatchStream {
    public let input: any BatchStream
    public let expressions: [PhysicalExpression]
    public let schema: Schema

    /// - Parameters:
    ///   - expressions: over the input's columns by position; one per field of `outputSchema`.
    ///   - outputSchema: names and types of the results; each field's type is its expression's.
    public init(input: any BatchStream, expressions: [PhysicalExpression], outputSchema: Schema) {
        precondition(expressions.count == outputSchema.count, "a projection needs one expression per output field")
        self.input = input
        self.expressions = expressions
        self.schema = outputSchema
    }

    public var operatorName: String { "Projection" }
    public var operatorDetails: String { expressions.map(\.description).joined(separator: ", ") }
    public var inputs: [any BatchStream] { [input] }

    /// The next projected batch, or nil at the end of the input.
    /// - Throws: `SluiceError` from the input or from evaluating an expression.
    public func next() throws -> RecordBatch? {
        guard let batch = try input.next() else { return nil }
        var columns: [Column] = []
        columns.reserveCapacity(expressions.count)
        for (expression, field) in zip(expressions, schema.fields) {
            let column: Column
            if case .column(let index, let type, _) = expression, index < batch.columns.count,
               batch.columns[index].type == type {
                column = batch.columns[index]
            } else {
                column = try ExpressionEvaluator.evaluate(expression, on: batch)
            }
            guard column.type == field.type else {
                throw SluiceError.internal("projection \(expression) yields \(column.type), the schema says \(field.type) for '\(field.name)'")
            }
            columns.append(column)
        }
        return RecordBatch(schema: schema, columns: columns)
    }
}
