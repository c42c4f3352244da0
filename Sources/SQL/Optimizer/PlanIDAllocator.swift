import SluiceCore

/// New column ids for rules that add columns, above every id a plan already uses.
final class PlanIDAllocator: @unchecked Sendable {
    private var nextID: Int
    /// Aggregate columns of subqueries that had no GROUP BY until decorrelation grouped them.
    var formerlyScalarAggregates: Set<Int> = []

    init(after used: Set<Int>) { nextID = (used.max() ?? -1) + 1 }

    func make(_ name: String, _ type: DataType) -> PlanColumn {
        defer { nextID += 1 }
        return PlanColumn(id: nextID, name: name, type: type)
    }
}
