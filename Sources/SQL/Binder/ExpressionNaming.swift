import SQLParser

/// The name of an unaliased select-list expression: a column's own name, otherwise the
/// expression as written (DuckDB's convention: `sum(l_quantity)`, `count_star()` for `count(*)`).
enum ExpressionNaming {
    static func name(of expression: Expression) -> String {
        switch expression {
        case .column(let name): return name.name.value
        case .function(let call) where call.hasStarArgument && call.arguments.isEmpty:
            return "\(call.name.name.value.lowercased())_star()"
        default: return expression.description
        }
    }
}

/// Whether an expression holds an aggregate call outside any subquery and outside window
/// functions' own call (a `sum(x) OVER ()` is a window function, not an aggregate).
enum AggregateDetection {
    static let aggregateNames: Set<String> = ["count", "sum", "avg", "min", "max", "mean"]

    static func containsAggregate(_ expression: Expression) -> Bool {
        switch expression {
        case .function(let call):
            if call.window == nil, aggregateNames.contains(call.name.name.value.lowercased()) { return true }
            if call.window != nil {
                return call.arguments.contains(where: containsAggregate)
                    || (call.window?.partitionBy.contains(where: containsAggregate) ?? false)
                    || (call.window?.orderBy.contains { containsAggregate($0.expression) } ?? false)
            }
            return call.arguments.contains(where: containsAggregate)
        case .literal, .column, .parameter, .exists, .subquery: return false
        case .unary(_, let operand, _), .isNull(let operand, _, _), .cast(let operand, _, _), .extract(_, let operand, _):
            return containsAggregate(operand)
        case .inSubquery(let operand, _, _, _): return containsAggregate(operand)
        case .binary(_, let left, let right, _): return containsAggregate(left) || containsAggregate(right)
        case .between(let value, let low, let high, _, _): return [value, low, high].contains(where: containsAggregate)
        case .inList(let value, let list, _, _): return ([value] + list).contains(where: containsAggregate)
        case .like(let value, let pattern, let escape, _, _, _):
            return ([value, pattern] + (escape.map { [$0] } ?? [])).contains(where: containsAggregate)
        case .caseWhen(let caseExpression):
            var parts = caseExpression.branches.flatMap { [$0.condition, $0.result] }
            if let operand = caseExpression.operand { parts.append(operand) }
            if let otherwise = caseExpression.elseResult { parts.append(otherwise) }
            return parts.contains(where: containsAggregate)
        }
    }
}
