import SluiceCore

/// Where a window operator finds each expression's values: plain input columns are used as they
/// are, other expressions are evaluated once per input batch and appended after the input's
/// columns.
///
/// Threading: immutable, shared by the draining threads.
struct WindowColumnLayout: Sendable {
    let inputColumnCount: Int
    let columnTypes: [DataType]
    private let computedExpressions: [PhysicalExpression]
    /// Each distinct expression with its column (a handful per query: searched linearly, since
    /// expressions are not hashable).
    private let placedExpressions: [(expression: PhysicalExpression, columnIndex: Int)]

    init(inputSchema: Schema, expressions: [PhysicalExpression]) {
        inputColumnCount = inputSchema.count
        var types = inputSchema.fields.map(\.type)
        var computed: [PhysicalExpression] = []
        var placed: [(expression: PhysicalExpression, columnIndex: Int)] = []
        for expression in expressions where !placed.contains(where: { $0.expression == expression }) {
            if case .column(let index, let type, _) = expression, index < inputSchema.count, inputSchema.fields[index].type == type {
                placed.append((expression, index))
            } else {
                placed.append((expression, types.count))
                types.append(expression.type)
                computed.append(expression)
            }
        }
        columnTypes = types
        computedExpressions = computed
        placedExpressions = placed
    }

    /// The column holding `expression`'s values.
    /// - Precondition: `expression` was one of those the layout was made with.
    func columnIndex(of expression: PhysicalExpression) -> Int {
        placedExpressions.first { $0.expression == expression }!.columnIndex
    }

    /// A batch's columns followed by the computed expressions' values.
    /// - Throws: `SluiceError` from evaluating an expression.
    func columns(of batch: RecordBatch) throws -> [Column] {
        var columns = batch.columns
        for expression in computedExpressions { columns.append(try ExpressionEvaluator.evaluate(expression, on: batch)) }
        return columns
    }
}
