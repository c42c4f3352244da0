import SluiceCore

/// Turns correlated subqueries into plain joins. The binder plans a subquery as the right side
/// of a join (semi, anti, mark or single) whose inside still reads columns of the left side;
/// this rule pulls the predicates that read them up out of the subquery into the join
/// condition, adding the columns they need to the projections they pass and, under an
/// aggregate, grouping by the inner side of each correlated equality (`l_partkey = p_partkey`
/// under `avg(l_quantity)` becomes a group per `l_partkey` joined on it), so each outer row
/// meets exactly its own group.
struct Decorrelation: OptimizerRule {
    var name: String { "decorrelation" }

    func apply(to plan: LogicalPlan) throws -> LogicalPlan {
        let ids = PlanIDAllocator(after: PlanAnalysis.producedIDs(plan).union(PlanAnalysis.referencedIDs(plan)))
        return try plan.transformedUp { node in
            guard case .join(var join) = node else { return node }
            let outer = PlanAnalysis.freeIDs(join.right)
            guard !outer.isEmpty else { return node }
            let (right, pulled) = try pullUp(join.right, outer: outer, ids: ids)
            guard PlanAnalysis.freeIDs(right).isDisjoint(with: outer) else {
                throw SluiceError.userInput("this correlated subquery is not supported: its outer references are not in "
                                            + "conditions of its WHERE clause")
            }
            join.right = right
            join.condition = PhysicalExpression.conjunction((join.condition?.conjuncts ?? []) + pulled)
            if join.kind == .single, let emptyValues = Self.emptyGroupValues(of: join.right, formerlyScalar: ids.formerlyScalarAggregates) {
                return Self.compensatingEmptyGroups(join, emptyValues: emptyValues, ids: ids)
            }
            return .join(join)
        }
    }

    /// What a scalar aggregate subquery gives over no rows, per output column, when some column
    /// is not NULL then (`count(*)` is 0): once decorrelated into a grouped aggregate, an outer
    /// row without inner rows finds no group and the single join gives NULL instead. nil when
    /// every column is NULL over no rows, or the plan is not projections over an aggregate.
    private static func emptyGroupValues(of plan: LogicalPlan, formerlyScalar: Set<Int>) -> [Int: PhysicalExpression]? {
        var definitions: [Int: PhysicalExpression] = [:]
        var projections: [[ComputedColumn]] = []
        var node = plan
        while case .project(let input, let columns) = node {
            projections.append(columns)
            node = input
        }
        // Only a subquery that had no GROUP BY of its own gives one row over no rows.
        guard case .aggregate(let aggregate) = node, let first = aggregate.aggregates.first,
              formerlyScalar.contains(first.column.id) else { return nil }
        for group in aggregate.groups { definitions[group.column.id] = .literal(.null, group.column.type) }
        for column in aggregate.aggregates {
            let isCount = column.call.function == .count || column.call.function == .countStar
            definitions[column.column.id] = isCount ? .literal(.int64(0), .int64) : .literal(.null, column.column.type)
        }
        for columns in projections.reversed() {
            var next: [Int: PhysicalExpression] = [:]
            for column in columns { next[column.column.id] = column.expression.substitutingColumns(definitions) }
            definitions = next
        }
        var values: [Int: PhysicalExpression] = [:]
        for column in plan.columns {
            guard let definition = definitions[column.id],
                  let value = try? ConstantFolding.evaluateConstant(definition), !value.isNull else { continue }
            values[column.id] = .literal(value, column.type)
        }
        return values.isEmpty ? nil : values
    }

    /// The single join with a marker column on its right side and a projection above that
    /// gives outer rows without a group the subquery's value over no rows.
    private static func compensatingEmptyGroups(_ original: JoinNode, emptyValues: [Int: PhysicalExpression],
                                                ids: PlanIDAllocator) -> LogicalPlan {
        var join = original
        let marker = ids.make("matched", .boolean)
        join.right = .project(join.right, join.right.columns.map { ComputedColumn($0, $0.reference) }
                                  + [ComputedColumn(marker, .literal(.boolean(true), .boolean))])
        let joined = LogicalPlan.join(join)
        let columns = original.left.columns + original.right.columns.map { $0.nullable() }
        let computed = columns.map { column -> ComputedColumn in
            guard let empty = emptyValues[column.id] else { return ComputedColumn(column, column.reference) }
            let fixed = PhysicalExpression.caseWhen(
                operand: nil, branches: [CaseBranch(when: .isNull(marker.reference, negated: false), then: empty)],
                otherwise: column.reference, resultType: column.type)
            return ComputedColumn(column, fixed)
        }
        return .project(joined, computed)
    }

    /// The plan without its correlated predicates, and those predicates rewritten over the
    /// plan's output columns.
    private func pullUp(_ plan: LogicalPlan, outer: Set<Int>, ids: PlanIDAllocator) throws -> (LogicalPlan, [PhysicalExpression]) {
        guard !PlanAnalysis.freeIDs(plan).isDisjoint(with: outer) else { return (plan, []) }
        switch plan {
        case .filter(let input, let predicate):
            let (newInput, pulledBelow) = try pullUp(input, outer: outer, ids: ids)
            var kept: [PhysicalExpression] = []
            var pulled = pulledBelow
            for conjunct in predicate.conjuncts {
                if conjunct.columnIDs.isDisjoint(with: outer) { kept.append(conjunct) } else { pulled.append(conjunct) }
            }
            let result = PhysicalExpression.conjunction(kept).map { LogicalPlan.filter(newInput, $0) } ?? newInput
            return (result, pulled)
        case .project(let input, var columns):
            let (newInput, pulled) = try pullUp(input, outer: outer, ids: ids)
            for column in columns where !column.expression.columnIDs.isDisjoint(with: outer) {
                throw SluiceError.userInput("a correlated subquery may use outer columns only in its WHERE clause (\(column.column.name))")
            }
            let available = Set(columns.map(\.column.id))
            let inputColumns = newInput.columns
            for id in pulled.reduce(into: Set<Int>(), { $0.formUnion($1.columnIDs) }).subtracting(outer).subtracting(available) {
                guard let column = inputColumns.first(where: { $0.id == id }) else { continue }
                columns.append(ComputedColumn(column, column.reference))
            }
            return (.project(newInput, columns), pulled)
        case .aggregate(var aggregate):
            let (newInput, pulled) = try pullUp(aggregate.input, outer: outer, ids: ids)
            aggregate.input = newInput
            if aggregate.groups.isEmpty, !pulled.isEmpty {
                ids.formerlyScalarAggregates.formUnion(aggregate.aggregates.map(\.column.id))
            }
            var rewritten: [PhysicalExpression] = []
            for predicate in pulled {
                guard case .comparison(.equal, let left, let right) = predicate else {
                    throw SluiceError.userInput("a correlated subquery with an aggregate needs equality conditions on outer columns, not \(predicate)")
                }
                let (outerSide, innerSide): (PhysicalExpression, PhysicalExpression)
                if left.columnIDs.isSubset(of: outer), right.columnIDs.isDisjoint(with: outer) {
                    (outerSide, innerSide) = (left, right)
                } else if right.columnIDs.isSubset(of: outer), left.columnIDs.isDisjoint(with: outer) {
                    (outerSide, innerSide) = (right, left)
                } else {
                    throw SluiceError.userInput("cannot decorrelate the condition \(predicate)")
                }
                let group: PlanColumn
                if let existing = aggregate.groups.first(where: { $0.expression == innerSide }) {
                    group = existing.column
                } else {
                    group = ids.make(innerSide.description, innerSide.type)
                    aggregate.groups.append(ComputedColumn(group, innerSide))
                }
                rewritten.append(.comparison(.equal, outerSide, group.reference))
            }
            return (.aggregate(aggregate), rewritten)
        case .join(var join) where join.kind == .inner:
            let (left, pulledLeft) = try pullUp(join.left, outer: outer, ids: ids)
            let (right, pulledRight) = try pullUp(join.right, outer: outer, ids: ids)
            join.left = left
            join.right = right
            var pulled = pulledLeft + pulledRight
            if let condition = join.condition {
                var kept: [PhysicalExpression] = []
                for conjunct in condition.conjuncts {
                    if conjunct.columnIDs.isDisjoint(with: outer) { kept.append(conjunct) } else { pulled.append(conjunct) }
                }
                join.condition = PhysicalExpression.conjunction(kept)
            }
            return (.join(join), pulled)
        case .join(var join) where join.kind != .right && join.kind != .full:
            // Only the preserved (left) side may give up predicates.
            let (left, pulled) = try pullUp(join.left, outer: outer, ids: ids)
            join.left = left
            return (.join(join), pulled)
        case .sort(var sort) where sort.limit == nil:
            let (input, pulled) = try pullUp(sort.input, outer: outer, ids: ids)
            sort.input = input
            return (.sort(sort), pulled)
        default:
            throw SluiceError.userInput("this correlated subquery is not supported (outer references under \(LogicalPlanText.nodeName(plan)))")
        }
    }
}
