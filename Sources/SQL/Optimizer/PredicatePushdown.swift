/// Moves filter conjuncts as far down as they can go: through projections (substituting the
/// computed expressions), below aggregates when they test only grouping columns, into join
/// conditions when they read both sides, into one side when they read only that side (the
/// preserved side of outer joins), and into scans, where the scan skips files and row groups
/// by statistics and filters each morsel as it is read.
struct PredicatePushdown: OptimizerRule {
    var name: String { "predicate pushdown" }

    func apply(to plan: LogicalPlan) throws -> LogicalPlan {
        push(plan, [])
    }

    private func push(_ plan: LogicalPlan, _ predicates: [PhysicalExpression]) -> LogicalPlan {
        switch plan {
        case .filter(let input, let predicate):
            return push(input, predicates + predicate.conjuncts)
        case .project(let input, let columns):
            let definitions = Dictionary(columns.map { ($0.column.id, $0.expression) }, uniquingKeysWith: { first, _ in first })
            let inputIDs = input.columnIDs
            var below: [PhysicalExpression] = []
            var above: [PhysicalExpression] = []
            for predicate in predicates {
                let substituted = predicate.substitutingColumns(definitions)
                if substituted.columnIDs.isSubset(of: inputIDs) { below.append(substituted) } else { above.append(predicate) }
            }
            return wrap(.project(push(input, below), columns), above)
        case .scan(var scan):
            let ids = scan.columns.map(\.id)
            var above: [PhysicalExpression] = []
            for predicate in predicates {
                if !predicate.columnIDs.isSubset(of: Set(ids)) {
                    above.append(predicate)
                } else if !scan.filters.contains(predicate) {
                    scan.filters.append(predicate)
                }
            }
            return wrap(.scan(scan), above)
        case .aggregate(var aggregate):
            let groupDefinitions = Dictionary(aggregate.groups.map { ($0.column.id, $0.expression) }, uniquingKeysWith: { first, _ in first })
            let groupIDs = Set(groupDefinitions.keys)
            var below: [PhysicalExpression] = []
            var above: [PhysicalExpression] = []
            for predicate in predicates {
                if !predicate.columnIDs.isEmpty, predicate.columnIDs.isSubset(of: groupIDs) {
                    below.append(predicate.substitutingColumns(groupDefinitions))
                } else {
                    above.append(predicate)
                }
            }
            aggregate.input = push(aggregate.input, below)
            return wrap(.aggregate(aggregate), above)
        case .sort(var sort) where sort.limit == nil:
            sort.input = push(sort.input, predicates)
            return .sort(sort)
        case .join(let join):
            return pushIntoJoin(join, predicates)
        default:
            let children = plan.children.map { push($0, []) }
            return wrap(children.isEmpty ? plan : plan.replacingChildren(children), predicates)
        }
    }

    private func pushIntoJoin(_ original: JoinNode, _ predicates: [PhysicalExpression]) -> LogicalPlan {
        var join = original
        let leftIDs = join.left.columnIDs
        let rightIDs = join.right.columnIDs
        var toLeft: [PhysicalExpression] = []
        var toRight: [PhysicalExpression] = []
        var condition: [PhysicalExpression] = []
        var above: [PhysicalExpression] = []

        func side(_ predicate: PhysicalExpression) -> (left: Bool, right: Bool) {
            let ids = predicate.columnIDs
            return (!ids.isDisjoint(with: leftIDs), !ids.isDisjoint(with: rightIDs))
        }
        let otherIDs = { (predicate: PhysicalExpression) in
            !predicate.columnIDs.subtracting(leftIDs).subtracting(rightIDs).isEmpty
        }

        // Predicates from above the join.
        for predicate in predicates {
            let (readsLeft, readsRight) = side(predicate)
            if otherIDs(predicate) {
                above.append(predicate)
                continue
            }
            switch join.kind {
            case .inner:
                if readsLeft && readsRight { condition.append(predicate) } else if readsRight { toRight.append(predicate) } else { toLeft.append(predicate) }
            case .left, .semi, .anti, .nullAwareAnti, .single, .mark:
                if !readsRight, !predicate.columnIDs.isEmpty { toLeft.append(predicate) } else { above.append(predicate) }
            case .right, .rightSemi, .rightAnti:
                if !readsLeft, !predicate.columnIDs.isEmpty { toRight.append(predicate) } else { above.append(predicate) }
            case .full:
                above.append(predicate)
            }
        }
        // The join's own condition: one-sided conjuncts go to the side that does not need
        // preserving.
        for conjunct in join.condition?.conjuncts ?? [] {
            let (readsLeft, readsRight) = side(conjunct)
            if otherIDs(conjunct) {
                condition.append(conjunct)
                continue
            }
            switch join.kind {
            case .inner:
                if readsLeft && readsRight { condition.append(conjunct) } else if readsRight { toRight.append(conjunct) } else if readsLeft { toLeft.append(conjunct) } else { condition.append(conjunct) }
            case .semi, .rightSemi:
                if readsRight && !readsLeft { toRight.append(conjunct) } else if readsLeft && !readsRight { toLeft.append(conjunct) } else { condition.append(conjunct) }
            case .left, .anti, .nullAwareAnti, .single, .mark:
                if readsRight && !readsLeft && join.kind != .nullAwareAnti { toRight.append(conjunct) } else { condition.append(conjunct) }
            case .right, .rightAnti:
                if readsLeft && !readsRight { toLeft.append(conjunct) } else { condition.append(conjunct) }
            case .full:
                condition.append(conjunct)
            }
        }
        if join.kind == .inner {
            // `(n1 = 'FRANCE' AND n2 = 'GERMANY') OR (n1 = 'GERMANY' AND n2 = 'FRANCE')` implies
            // `n1 = 'FRANCE' OR n1 = 'GERMANY'` on one side and the same on the other: filters
            // that shrink each side before the join, while the whole condition still decides.
            for predicate in condition + above {
                if let implied = Self.implied(predicate, by: leftIDs), !toLeft.contains(implied) { toLeft.append(implied) }
                if let implied = Self.implied(predicate, by: rightIDs), !toRight.contains(implied) { toRight.append(implied) }
            }
        }
        join.left = push(join.left, toLeft)
        join.right = push(join.right, toRight)
        join.condition = PhysicalExpression.conjunction(condition)
        return wrap(.join(join), above)
    }

    /// The OR, over each branch's conjuncts that read only `ids`, when every branch has some.
    private static func implied(_ predicate: PhysicalExpression, by ids: Set<Int>) -> PhysicalExpression? {
        guard case .or = predicate else { return nil }
        var branches: [PhysicalExpression] = []
        for branch in CommonConjunctExtraction.disjuncts(of: predicate) {
            let local = branch.conjuncts.filter { !$0.columnIDs.isEmpty && $0.columnIDs.isSubset(of: ids) }
            guard let conjunction = PhysicalExpression.conjunction(local) else { return nil }
            branches.append(conjunction)
        }
        return .or(branches)
    }

    private func wrap(_ plan: LogicalPlan, _ predicates: [PhysicalExpression]) -> LogicalPlan {
        PhysicalExpression.conjunction(predicates).map { .filter(plan, $0) } ?? plan
    }
}
