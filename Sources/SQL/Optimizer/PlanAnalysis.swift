import SluiceCore

/// Facts about plans the rules share: which column ids a subtree produces and which it reads.
enum PlanAnalysis {
    /// Every column id produced by some node of `plan`.
    static func producedIDs(_ plan: LogicalPlan) -> Set<Int> {
        var ids = plan.columnIDs
        for child in plan.children { ids.formUnion(producedIDs(child)) }
        return ids
    }

    /// Every column id an expression of some node of `plan` reads.
    static func referencedIDs(_ plan: LogicalPlan) -> Set<Int> {
        var ids = Set<Int>()
        for expression in expressions(of: plan) { ids.formUnion(expression.columnIDs) }
        for child in plan.children { ids.formUnion(referencedIDs(child)) }
        return ids
    }

    /// Column ids `plan` reads but does not produce: references to an enclosing query.
    static func freeIDs(_ plan: LogicalPlan) -> Set<Int> {
        referencedIDs(plan).subtracting(producedIDs(plan))
    }

    /// The expressions the node itself evaluates.
    static func expressions(of plan: LogicalPlan) -> [PhysicalExpression] {
        switch plan {
        case .scan(let scan): return scan.filters
        case .values(let values): return values.rows.flatMap { $0 }
        case .filter(_, let predicate): return [predicate]
        case .project(_, let columns): return columns.map(\.expression)
        case .aggregate(let aggregate):
            return aggregate.groups.map(\.expression) + aggregate.aggregates.compactMap(\.call.argument)
        case .join(let join): return join.condition.map { [$0] } ?? []
        case .sort(let sort): return sort.keys.map(\.expression)
        case .limit, .setOperation: return []
        case .window(_, let windows):
            return windows.flatMap { window in
                window.call.partitionBy + window.call.orderBy.map(\.expression) + (window.call.aggregate?.argument.map { [$0] } ?? [])
            }
        }
    }

    /// A rough row count for choosing join orders and build sides.
    static func estimatedRows(_ plan: LogicalPlan) -> Double {
        switch plan {
        case .scan(let scan):
            let base = Double(scan.source.statistics.rowCount ?? 1_000_000)
            return scan.filters.reduce(base) { rows, filter in rows * selectivity(filter) }
        case .values(let values): return Double(values.rows.count)
        case .filter(let input, let predicate):
            return predicate.conjuncts.reduce(estimatedRows(input)) { rows, conjunct in rows * selectivity(conjunct) }
        case .project(let input, _), .window(let input, _):
            return estimatedRows(input)
        case .sort(let sort): return sort.limit.map { min(Double($0), estimatedRows(sort.input)) } ?? estimatedRows(sort.input)
        case .limit(let input, let limit, _): return min(Double(limit ?? Int.max), estimatedRows(input))
        case .aggregate(let aggregate):
            return aggregate.groups.isEmpty ? 1 : max(1, estimatedRows(aggregate.input) * 0.25)
        case .join(let join):
            let left = estimatedRows(join.left)
            let right = estimatedRows(join.right)
            switch join.kind {
            case .semi, .anti, .nullAwareAnti: return left * 0.5
            case .rightSemi, .rightAnti: return right * 0.5
            case .mark, .single: return left
            default:
                guard join.condition != nil else { return left * right }
                // A foreign-key join keeps the larger side's rows whose key survived the smaller
                // side's filters: the smaller side's surviving fraction of its base rows.
                let (smaller, larger) = left <= right ? (join.left, right) : (join.right, left)
                let surviving = min(1, estimatedRows(smaller) / max(1, baseRows(smaller)))
                return larger * surviving
            }
        case .setOperation(let operation):
            return estimatedRows(operation.left) + estimatedRows(operation.right)
        }
    }

    /// Rows before filters: for a scan its table's rows, through filters and projections; for
    /// anything else its estimate (the most distinct keys a key column there can have).
    static func baseRows(_ plan: LogicalPlan) -> Double {
        switch plan {
        case .scan(let scan): return Double(scan.source.statistics.rowCount ?? 1_000_000)
        case .filter(let input, _), .project(let input, _): return baseRows(input)
        default: return estimatedRows(plan)
        }
    }

    /// The most distinct values `expression` can have in `plan`'s output, when it is a column a
    /// scan in `plan` reads and the scan's source bounds that column; nil otherwise.
    static func distinctValueCountMax(_ expression: PhysicalExpression, in plan: LogicalPlan) -> Double? {
        guard case .column(let id, _, _) = expression else { return nil }
        switch plan {
        case .scan(let scan):
            guard let position = scan.columns.firstIndex(where: { $0.id == id }) else { return nil }
            let name = scan.source.schema.fields[scan.sourceColumns[position]].name
            return scan.source.distinctValueCountMax(ofColumn: name).map(Double.init)
        case .filter(let input, _), .limit(let input, _, _):
            return distinctValueCountMax(expression, in: input)
        case .project(let input, let computed):
            guard let source = computed.first(where: { $0.column.id == id })?.expression else { return nil }
            return distinctValueCountMax(source, in: input)
        default:
            return nil
        }
    }

    /// The fraction of rows a predicate keeps, by its shape.
    static func selectivity(_ predicate: PhysicalExpression) -> Double {
        switch predicate {
        case .comparison(.equal, let left, let right):
            return left.isColumnOrLiteral && right.isColumnOrLiteral && (left.literalValue != nil || right.literalValue != nil) ? 0.05 : 0.2
        case .comparison: return 0.4
        case .between: return 0.25
        case .inList(_, let list, let negated): return negated ? 0.9 : min(0.5, 0.05 * Double(list.count))
        case .like(_, _, _, let negated): return negated ? 0.9 : 0.15
        case .and(let operands): return operands.reduce(1) { $0 * selectivity($1) }
        case .or(let operands): return min(1, operands.reduce(0) { $0 + selectivity($1) })
        default: return 0.5
        }
    }
}
