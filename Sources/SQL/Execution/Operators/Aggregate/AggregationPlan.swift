import SluiceCore

/// What every thread-local aggregation state of one operator shares: the key and argument
/// expressions, with each distinct argument expression evaluated once per batch (TPC-H Q1
/// reads `l_quantity` for both `sum` and `avg`).
struct AggregationPlan: Sendable {
    let groupKeys: [PhysicalExpression]
    let aggregates: [AggregateCall]
    /// The distinct argument expressions, evaluated once per batch.
    let arguments: [PhysicalExpression]
    /// For each aggregate, its argument's position in `arguments` (nil for `count(*)`).
    let argumentIndices: [Int?]

    init(groupKeys: [PhysicalExpression], aggregates: [AggregateCall]) {
        self.groupKeys = groupKeys
        self.aggregates = aggregates
        var arguments: [PhysicalExpression] = []
        argumentIndices = aggregates.map { call in
            guard let argument = call.argument else { return nil }
            if let index = arguments.firstIndex(of: argument) { return index }
            arguments.append(argument)
            return arguments.count - 1
        }
        self.arguments = arguments
    }

    /// The types of the output columns: the keys', then the aggregates' result types.
    var outputTypes: [DataType] { groupKeys.map(\.type) + aggregates.map(\.resultType) }
}
