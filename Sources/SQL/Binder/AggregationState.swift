import SQLParser
import SluiceCore

/// What binding a `SELECT` with `GROUP BY` or aggregates collects: the grouping expressions
/// (as written and bound) and every aggregate call met in the select list, `HAVING` and
/// `ORDER BY`, each once.
final class AggregationState: @unchecked Sendable {
    /// Grouping expressions as written (and as the aliases they stand for), each with the
    /// output column of its group.
    let groupExpressions: [Expression]
    let groupExpressionColumns: [PlanColumn]
    /// The groups of the aggregate, one per output column.
    let groups: [ComputedColumn]
    var aggregates: [AggregateColumn] = []

    init(groupExpressions: [Expression], groupExpressionColumns: [PlanColumn], groups: [ComputedColumn]) {
        self.groupExpressions = groupExpressions
        self.groupExpressionColumns = groupExpressionColumns
        self.groups = groups
    }

    /// The output column of a group written exactly as `expression`.
    func group(matching expression: Expression) -> PlanColumn? {
        groupExpressions.firstIndex(of: expression).map { groupExpressionColumns[$0] }
    }

    /// The output column of the group that is exactly input column `id`.
    func group(forColumn id: Int) -> PlanColumn? {
        groups.first { group in
            if case .column(let index, _, _) = group.expression { return index == id }
            return false
        }?.column
    }

    /// The column of `call`, adding it unless the same call is already there.
    func column(for call: AggregateCall, name: String, ids: ColumnIDGenerator) -> PlanColumn {
        if let existing = aggregates.first(where: { $0.call == call }) { return existing.column }
        let nullable = !(call.function == .count || call.function == .countStar)
        let column = ids.make(name, call.resultType, nullable: nullable)
        aggregates.append(AggregateColumn(column: column, call: call))
        return column
    }
}

/// Window calls met in the select list and `ORDER BY`, each once.
final class WindowState: @unchecked Sendable {
    var windows: [WindowColumn] = []

    func column(for call: WindowCall, name: String, ids: ColumnIDGenerator) -> PlanColumn {
        if let existing = windows.first(where: { $0.call == call }) { return existing.column }
        let column = ids.make(name, call.resultType)
        windows.append(WindowColumn(column: column, call: call))
        return column
    }
}
