/// Moves semi and anti joins (`IN`, `EXISTS`, `NOT IN`, `NOT EXISTS`) below the inner joins they
/// sit on, into the side whose columns their condition reads. A subquery that keeps 57 of
/// 1.5 million orders (TPC-H Q18) then filters `orders` before it meets `lineitem`, instead of
/// filtering the joined rows afterwards. Valid because such a join only keeps or drops each left
/// row by that row's own columns; done only when that side is estimated smaller than the joined
/// rows (a semi join below a selective join, TPC-H Q21, would test many more rows).
struct SemiJoinPushdown: OptimizerRule {
    var name: String { "semi-join pushdown" }

    func apply(to plan: LogicalPlan) throws -> LogicalPlan {
        plan.transformedUp(pushed)
    }

    private func pushed(_ node: LogicalPlan) -> LogicalPlan {
        guard case .join(var filtering) = node, [.semi, .anti, .nullAwareAnti].contains(filtering.kind),
              case .join(var inner) = filtering.left, inner.kind == .inner else { return node }
        let leftReads = (filtering.condition?.columnIDs ?? []).subtracting(PlanAnalysis.producedIDs(filtering.right))
        guard !leftReads.isEmpty else { return node }
        let joinedRows = PlanAnalysis.estimatedRows(filtering.left)
        if leftReads.isSubset(of: inner.left.columnIDs), PlanAnalysis.estimatedRows(inner.left) < joinedRows {
            filtering.left = inner.left
            inner.left = pushed(.join(filtering))
            return .join(inner)
        }
        if leftReads.isSubset(of: inner.right.columnIDs), PlanAnalysis.estimatedRows(inner.right) < joinedRows {
            filtering.left = inner.right
            inner.right = pushed(.join(filtering))
            return .join(inner)
        }
        return node
    }
}
