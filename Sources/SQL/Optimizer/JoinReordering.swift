/// Orders trees of inner joins by estimated sizes. A join's size is estimated as
/// |L| × |R| / min(base rows of the two key columns' relations), which is right for the
/// foreign-key joins of star and snowflake schemas; the tree search divides by fewer when the
/// key columns' statistics allow fewer distinct values (`c_nationkey = s_nationkey` matches
/// many rows to many, not one to one).
///
/// Up to `exhaustiveRelationCountMax` relations joined by key equalities, every join tree
/// (bushy ones included, never a cross product) is weighed by dynamic programming over the sets
/// of relations, as System R and DuckDB do: a tree costs the rows of every join result it makes
/// plus the rows of every hash table it builds (each join builds on its smaller side), and the
/// cheapest wins. So a small filtered dimension first shrinks the relation it describes (nation
/// then supplier) before that meets the large one (lineitem), where a greedy order would
/// have joined the large relations first.
///
/// More relations, or relations without a key equality to the rest, are ordered greedily: start
/// from the largest relation (it becomes the probe side that streams through every join), then
/// repeatedly join the connected relation that gives the smallest estimated result; relations
/// without a join condition to the rest come last, smallest first (cross products).
struct JoinReordering: OptimizerRule {
    /// The most relations whose join trees are all weighed (3^12 splits at most).
    static let exhaustiveRelationCountMax = 12

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
        if relations.count <= Self.exhaustiveRelationCountMax,
           let ordered = cheapestTree(relations, conditions: conditions) {
            return ordered
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

    /// The best tree found for one set of relations.
    private struct SetPlan {
        var rows: Double
        var cost: Double
        /// The two sets joined to make this one (nil for a single relation).
        var split: (left: UInt32, right: UInt32)?
    }

    /// The cheapest tree joining every relation through key equalities, with each condition at
    /// the lowest join that has its columns and the rest in a filter on top; nil when some
    /// relation has no key equality linking it to the others.
    private func cheapestTree(_ relations: [Relation], conditions: [PhysicalExpression]) -> LogicalPlan? {
        let count = relations.count
        let full = UInt32((1 << count) - 1)
        /// For each key equality: the relations each side reads, and how many distinct keys
        /// it can have at most (the smaller base of the two sides, or fewer when the column
        /// statistics of both sides allow fewer values).
        struct Key {
            var leftSet: UInt32
            var rightSet: UInt32
            var distinctKeysMax: Double
        }
        func relationSet(_ ids: Set<Int>) -> UInt32 {
            var set: UInt32 = 0
            for (index, relation) in relations.enumerated() where !relation.ids.isDisjoint(with: ids) { set |= 1 << index }
            return set
        }
        func baseRows(_ set: UInt32) -> Double {
            relations.indices.filter { set & (1 << $0) != 0 }.map { relations[$0].baseRows }.max() ?? 1
        }
        let keys: [Key] = conditions.compactMap { condition in
            guard case .comparison(.equal, let a, let b) = condition, !a.columnIDs.isEmpty, !b.columnIDs.isEmpty else { return nil }
            let leftSet = relationSet(a.columnIDs)
            let rightSet = relationSet(b.columnIDs)
            guard leftSet != 0, rightSet != 0, leftSet & rightSet == 0 else { return nil }
            func valuesMax(_ side: PhysicalExpression, _ set: UInt32) -> Double {
                guard set & (set - 1) == 0 else { return .infinity }
                return PlanAnalysis.distinctValueCountMax(side, in: relations[set.trailingZeroBitCount].plan) ?? .infinity
            }
            // Equal keys pair up at most as many distinct values as the side with more has.
            let valuesOfMoreVaried = max(valuesMax(a, leftSet), valuesMax(b, rightSet))
            return Key(leftSet: leftSet, rightSet: rightSet,
                       distinctKeysMax: min(baseRows(leftSet), baseRows(rightSet), valuesOfMoreVaried))
        }

        var best: [UInt32: SetPlan] = [:]
        for (index, relation) in relations.enumerated() {
            best[1 << index] = SetPlan(rows: relation.rows, cost: 0, split: nil)
        }
        // Sets in increasing numeric order: every proper subset of a set comes before it.
        for set in UInt32(1)...full where set & (set - 1) != 0 {
            let lowest = set & (~set &+ 1)
            // Each split once: the part holding the lowest relation is `left`.
            var part = (set - 1) & set
            while part != 0 {
                defer { part = (part - 1) & set }
                guard part & lowest != 0, let left = best[part], let right = best[set ^ part] else { continue }
                let other = set ^ part
                var divisor = 0.0
                for key in keys {
                    let joins = (key.leftSet & ~part == 0 && key.rightSet & ~other == 0)
                        || (key.leftSet & ~other == 0 && key.rightSet & ~part == 0)
                    if joins { divisor = max(divisor, key.distinctKeysMax) }
                }
                guard divisor > 0 else { continue }
                let rows = left.rows * right.rows / max(1, divisor)
                let cost = left.cost + right.cost + rows + min(left.rows, right.rows)
                if best[set].map({ cost < $0.cost }) ?? true {
                    best[set] = SetPlan(rows: rows, cost: cost, split: (part, other))
                }
            }
        }
        guard best[full] != nil else { return nil }

        var remaining = conditions
        func build(_ set: UInt32) -> LogicalPlan {
            guard let split = best[set]!.split else {
                return relations[set.trailingZeroBitCount].plan
            }
            var left = build(split.left)
            var right = build(split.right)
            // The larger side on the left: the physical planner builds on the smaller one anyway.
            if best[split.left]!.rows < best[split.right]!.rows { swap(&left, &right) }
            let ids = left.columnIDs.union(right.columnIDs)
            let applicable = remaining.filter { $0.columnIDs.isSubset(of: ids) }
            remaining.removeAll { $0.columnIDs.isSubset(of: ids) }
            return .join(JoinNode(kind: .inner, left: left, right: right,
                                  condition: PhysicalExpression.conjunction(applicable), mark: nil))
        }
        let tree = build(full)
        return PhysicalExpression.conjunction(remaining).map { .filter(tree, $0) } ?? tree
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
