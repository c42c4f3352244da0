/// Shrinks a grouped aggregate that a join reads by keys: when every row on the other side of
/// the join takes its key from a small, filtered table, only the groups of that table's keys
/// can ever match, so the aggregate's input is first semi-joined with the table. TPC-H Q17
/// averages `l_quantity` per part for the 204 parts of one brand and container, and Q20 sums it
/// per part and supplier for the 2,127 `forest` parts, instead of grouping all of `lineitem`
/// and then keeping a few groups (what DuckDB's delim joins do for these queries).
///
/// Valid because a group is kept or dropped whole (its rows are all there), and a dropped
/// group's key is not among the keys the other side can have: its rows reach the join only
/// through inner joins (or semi joins) with the table on that key. The table is read twice,
/// which pays when it is much smaller than the aggregate's input; a table without filters
/// would drop nothing and is not used.
struct AggregateKeyReduction: OptimizerRule {
    var name: String { "aggregate key reduction" }

    /// The table must be estimated at most this fraction of the aggregate's input rows.
    static let sourceShareMax = 0.25

    func apply(to plan: LogicalPlan) throws -> LogicalPlan {
        let ids = PlanIDAllocator(after: PlanAnalysis.producedIDs(plan).union(PlanAnalysis.referencedIDs(plan)))
        return plan.transformedUp { node in reduced(node, ids: ids) }
    }

    /// A scan whose output column `columnID` holds every value some column of a plan can hold.
    private struct KeySource {
        var scan: ScanNode
        var columnID: Int
        var rows: Double
    }

    private func reduced(_ node: LogicalPlan, ids: PlanIDAllocator) -> LogicalPlan {
        guard case .join(var join) = node else { return node }
        // The sides an aggregate may be on: one whose rows without a match are not output.
        let aggregateOnRight = [JoinKind.inner, .left, .single, .semi].contains(join.kind)
        let aggregateOnLeft = [JoinKind.inner, .right].contains(join.kind)
        if aggregateOnRight, let right = reducing(join.right, against: join.left, condition: join.condition, ids: ids) {
            join.right = right
            return .join(join)
        }
        if aggregateOnLeft, let left = reducing(join.left, against: join.right, condition: join.condition, ids: ids) {
            join.left = left
            return .join(join)
        }
        return node
    }

    /// `side` with its aggregate's input semi-joined with a key table of `other`; nil when
    /// `side` is no grouped aggregate (under projections) or no key has a small table.
    private func reducing(_ side: LogicalPlan, against other: LogicalPlan, condition: PhysicalExpression?,
                          ids: PlanIDAllocator) -> LogicalPlan? {
        guard let condition else { return nil }
        var best: (input: PhysicalExpression, source: KeySource)?
        for conjunct in condition.conjuncts {
            guard case .comparison(.equal, let a, let b) = conjunct else { continue }
            for (sideKey, otherKey) in [(a, b), (b, a)] {
                guard case .column(let sideID, _, _) = sideKey, case .column(let otherID, _, _) = otherKey,
                      side.columnIDs.contains(sideID), other.columnIDs.contains(otherID),
                      let input = groupInput(of: sideID, in: side),
                      let source = keySource(of: otherID, in: other) else { continue }
                if best.map({ source.rows < $0.source.rows }) ?? true { best = (input, source) }
            }
        }
        guard let (inputKey, source) = best else { return nil }
        return replacingAggregateInput(in: side) { input in
            guard source.rows <= PlanAnalysis.estimatedRows(input) * Self.sourceShareMax else { return nil }
            let (copy, mapping) = fresh(source.scan, ids: ids)
            let key = copy.columns.first { $0.id == mapping[source.columnID] }!
            return .join(JoinNode(kind: .semi, left: input, right: .scan(copy),
                                  condition: .comparison(.equal, inputKey, .column(index: key.id, type: key.type, name: key.name)),
                                  mark: nil))
        }
    }

    /// The input expression (a column of the aggregate's input) that output column `id` of
    /// `plan` groups by, when `plan` is a grouped aggregate under projections that pass it on.
    private func groupInput(of id: Int, in plan: LogicalPlan) -> PhysicalExpression? {
        switch plan {
        case .project(let input, let computed):
            guard case .column(let source, _, _)? = computed.first(where: { $0.column.id == id })?.expression else { return nil }
            return groupInput(of: source, in: input)
        case .filter(let input, _):
            return groupInput(of: id, in: input)
        case .aggregate(let aggregate):
            guard let group = aggregate.groups.first(where: { $0.column.id == id }),
                  case .column = group.expression else { return nil }
            return group.expression
        default:
            return nil
        }
    }

    /// `plan` with the aggregate under its projections and filters given the input `rewrite`
    /// makes; nil when `rewrite` declines.
    private func replacingAggregateInput(in plan: LogicalPlan, _ rewrite: (LogicalPlan) -> LogicalPlan?) -> LogicalPlan? {
        switch plan {
        case .project(let input, let computed):
            return replacingAggregateInput(in: input, rewrite).map { .project($0, computed) }
        case .filter(let input, let predicate):
            return replacingAggregateInput(in: input, rewrite).map { .filter($0, predicate) }
        case .aggregate(var aggregate):
            guard let input = rewrite(aggregate.input) else { return nil }
            aggregate.input = input
            return .aggregate(aggregate)
        default:
            return nil
        }
    }

    /// The smallest filtered scan in `plan` whose column holds every value column `id` of
    /// `plan` can hold: the scan that makes the column, or through an inner or semi join's key
    /// equality, the scan of the column it equals.
    private func keySource(of id: Int, in plan: LogicalPlan) -> KeySource? {
        switch plan {
        case .scan(let scan):
            guard scan.columns.contains(where: { $0.id == id }) else { return nil }
            let rows = PlanAnalysis.estimatedRows(plan)
            guard rows < PlanAnalysis.baseRows(plan) else { return nil }
            return KeySource(scan: scan, columnID: id, rows: rows)
        case .filter(let input, _), .limit(let input, _, _):
            return keySource(of: id, in: input)
        case .sort(let sort):
            return keySource(of: id, in: sort.input)
        case .project(let input, let computed):
            guard case .column(let source, _, _)? = computed.first(where: { $0.column.id == id })?.expression else { return nil }
            return keySource(of: source, in: input)
        case .join(let join) where join.kind == .inner || join.kind == .semi:
            var candidates: [KeySource] = []
            let producer = join.left.columnIDs.contains(id) ? join.left : join.right
            if let own = keySource(of: id, in: producer) { candidates.append(own) }
            for conjunct in join.condition?.conjuncts ?? [] {
                guard case .comparison(.equal, .column(let a, _, _), .column(let b, _, _)) = conjunct, a == id || b == id else { continue }
                let equal = a == id ? b : a
                for side in [join.left, join.right] where side.columnIDs.contains(equal) {
                    if let source = keySource(of: equal, in: side) { candidates.append(source) }
                }
            }
            return candidates.min { $0.rows < $1.rows }
        default:
            return nil
        }
    }

    /// A copy of `scan` with new column ids, and the old id → new id mapping.
    private func fresh(_ scan: ScanNode, ids: PlanIDAllocator) -> (ScanNode, [Int: Int]) {
        var copy = scan
        var mapping: [Int: Int] = [:]
        copy.columns = scan.columns.map { column in
            var made = ids.make(column.name, column.type)
            made.isNullable = column.isNullable
            mapping[column.id] = made.id
            return made
        }
        copy.filters = scan.filters.map { $0.remappingColumns(mapping) }
        return (copy, mapping)
    }
}
