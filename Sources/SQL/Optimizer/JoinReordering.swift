/// Orders trees of inner joins greedily by estimated sizes: start from the largest relation
/// (it becomes the probe side that streams through every join), then repeatedly join the
/// connected relation that gives the smallest estimated result, so each hash table is built on
/// a small side and intermediate results stay small. A join's size is estimated as
/// |L| × |R| / min(base rows of the two key columns' relations), which is right for the
/// foreign-key joins of star and snowflake schemas. Relations without a join condition to the
/// rest come last, smallest first (cross products).
struct JoinReordering: OptimizerRule {
    var name: String { "join reordering" }

    func apply(to plan: LogicalPlan) throws -> LogicalPlan {
        reorder(plan)
    }

    private struct Relation {
        var plan: LogicalPlan
        var ids: Set<Int>
        var rows: Double
        /// Rows before filters: the number of distinct keys a key column can have at most.
        var baseRows: Double
    }

    private func reorder(_ plan: LogicalPlan) -> LogicalPlan {
        guard case .join(let join) = plan, join.kind == .inner else {
            let children = plan.children.map(reorder)
            return children.isEmpty ? plan : plan.replacingChildren(children)
        }
        var leaves: [LogicalPlan] = []
        var conditions: [PhysicalExpression] = []
        collect(plan, leaves: &leaves, conditions: &conditions)
        guard leaves.count >= 3 else {
            let children = plan.children.map(reorder)
            return plan.replacingChildren(children)
        }
        var relations = leaves.map { leaf -> Relation in
            let optimized = reorder(leaf)
            return Relation(plan: optimized, ids: optimized.columnIDs, rows: PlanAnalysis.estimatedRows(optimized),
                            baseRows: PlanAnalysis.baseRows(optimized))
        }
        let start = relations.indices.max { relations[$0].rows < relations[$1].rows }!
        var current = relations.remove(at: start)
        var remaining = conditions
        while !relations.isEmpty {
            var bestIndex: Int?
            var bestRows = Double.infinity
            for (index, relation) in relations.enumerated() {
                let connecting = remaining.filter { connects($0, current.ids, relation.ids) }
                guard !connecting.isEmpty else { continue }
                let rows = current.rows * relation.rows / max(1, min(current.baseRows, relation.baseRows))
                if rows < bestRows || (rows == bestRows && relation.rows < relations[bestIndex!].rows) {
                    bestRows = rows
                    bestIndex = index
                }
            }
            let index = bestIndex ?? relations.indices.min { relations[$0].rows < relations[$1].rows }!
            let next = relations.remove(at: index)
            let combinedIDs = current.ids.union(next.ids)
            let applicable = remaining.filter { $0.columnIDs.isSubset(of: combinedIDs) }
            remaining.removeAll { $0.columnIDs.isSubset(of: combinedIDs) }
            let joined = LogicalPlan.join(JoinNode(kind: .inner, left: current.plan, right: next.plan,
                                                   condition: PhysicalExpression.conjunction(applicable), mark: nil))
            let rows = bestIndex == nil ? current.rows * next.rows : bestRows
            // The probe side keeps its base: its key columns stay as distinct as they were.
            current = Relation(plan: joined, ids: combinedIDs, rows: rows, baseRows: current.baseRows)
        }
        return PhysicalExpression.conjunction(remaining).map { .filter(current.plan, $0) } ?? current.plan
    }

    private func collect(_ plan: LogicalPlan, leaves: inout [LogicalPlan], conditions: inout [PhysicalExpression]) {
        if case .join(let join) = plan, join.kind == .inner {
            collect(join.left, leaves: &leaves, conditions: &conditions)
            collect(join.right, leaves: &leaves, conditions: &conditions)
            conditions += join.condition?.conjuncts ?? []
        } else {
            leaves.append(plan)
        }
    }

    /// Whether `condition` is an equality between an expression over one set and one over the
    /// other: a hash join key. Other conditions between the sets are applied once both are in,
    /// but do not make joining them cheap.
    private func connects(_ condition: PhysicalExpression, _ left: Set<Int>, _ right: Set<Int>) -> Bool {
        guard case .comparison(.equal, let a, let b) = condition else { return false }
        let aIDs = a.columnIDs
        let bIDs = b.columnIDs
        guard !aIDs.isEmpty, !bIDs.isEmpty else { return false }
        return (aIDs.isSubset(of: left) && bIDs.isSubset(of: right)) || (aIDs.isSubset(of: right) && bIDs.isSubset(of: left))
    }
}
