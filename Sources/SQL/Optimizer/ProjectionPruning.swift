/// Keeps only the columns some operator above needs: scans read fewer Parquet columns,
/// projections and aggregates drop outputs nobody reads, joins carry narrower rows.
struct ProjectionPruning: OptimizerRule {
    var name: String { "projection pruning" }

    func apply(to plan: LogicalPlan) throws -> LogicalPlan {
        prune(plan, required: plan.columnIDs)
    }

    private func prune(_ plan: LogicalPlan, required: Set<Int>) -> LogicalPlan {
        switch plan {
        case .scan(var scan):
            var needed = required
            for filter in scan.filters { needed.formUnion(filter.columnIDs) }
            var kept = scan.columns.indices.filter { needed.contains(scan.columns[$0].id) }
            // Rows without columns still need a count: read the cheapest column.
            if kept.isEmpty, !scan.columns.isEmpty { kept = [cheapestColumn(scan.columns)] }
            scan.sourceColumns = kept.map { scan.sourceColumns[$0] }
            scan.columns = kept.map { scan.columns[$0] }
            return .scan(scan)
        case .values:
            return plan
        case .filter(let input, let predicate):
            return .filter(prune(input, required: required.union(predicate.columnIDs)), predicate)
        case .project(let input, let columns):
            var kept = columns.filter { required.contains($0.column.id) }
            if kept.isEmpty, let first = columns.first { kept = [first] }
            let needed = kept.reduce(into: Set<Int>()) { $0.formUnion($1.expression.columnIDs) }
            let newInput = prune(input, required: needed)
            // A projection that passes its input through unchanged is dropped.
            if kept.map(\.column.id) == newInput.columns.map(\.id),
               kept.allSatisfy({ $0.expression == $0.column.reference || isPassThrough($0) }),
               kept.map(\.column.name) == newInput.columns.map(\.name) {
                return newInput
            }
            return .project(newInput, kept)
        case .aggregate(var aggregate):
            var kept = aggregate.aggregates.filter { required.contains($0.column.id) }
            if kept.isEmpty, aggregate.groups.isEmpty, let first = aggregate.aggregates.first { kept = [first] }
            aggregate.aggregates = kept
            var needed = Set<Int>()
            for group in aggregate.groups { needed.formUnion(group.expression.columnIDs) }
            for column in kept { needed.formUnion(column.call.argument?.columnIDs ?? []) }
            aggregate.input = prune(aggregate.input, required: needed)
            return .aggregate(aggregate)
        case .join(var join):
            let needed = required.union(join.condition?.columnIDs ?? [])
            join.left = prune(join.left, required: needed.intersection(join.left.columnIDs))
            join.right = prune(join.right, required: needed.intersection(join.right.columnIDs))
            return .join(join)
        case .sort(var sort):
            let needed = sort.keys.reduce(into: required) { $0.formUnion($1.expression.columnIDs) }
            sort.input = prune(sort.input, required: needed)
            return .sort(sort)
        case .limit(let input, let limit, let offset):
            return .limit(prune(input, required: required), limit: limit, offset: offset)
        case .window(let input, let windows):
            let kept = windows.filter { required.contains($0.column.id) }
            var needed = required
            for expression in PlanAnalysis.expressions(of: .window(input, kept)) { needed.formUnion(expression.columnIDs) }
            let newInput = prune(input, required: needed.intersection(input.columnIDs))
            return kept.isEmpty ? newInput : .window(newInput, kept)
        case .setOperation(var operation):
            operation.left = prune(operation.left, required: operation.left.columnIDs)
            operation.right = prune(operation.right, required: operation.right.columnIDs)
            return .setOperation(operation)
        }
    }

    private func isPassThrough(_ column: ComputedColumn) -> Bool {
        if case .column(let id, _, _) = column.expression { return id == column.column.id }
        return false
    }

    /// The index of the column that is cheapest to read: a fixed-width one.
    private func cheapestColumn(_ columns: [PlanColumn]) -> Int {
        columns.firstIndex { column in
            switch column.type {
            case .boolean, .int32, .date: true
            default: false
            }
        } ?? 0
    }
}
