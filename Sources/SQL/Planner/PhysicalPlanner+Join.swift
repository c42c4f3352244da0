import SluiceCore

extension PhysicalPlanner {
    /// A join as a hash join on the equality conjuncts between the two sides (the rest is the
    /// residual), or as a nested loop when there are none. Inner and outer joins build on the
    /// side estimated smaller; so do semi and anti joins (as right semi and right anti joins when
    /// that is the preserved side: the subquery's rows then stream past a small table instead of
    /// filling a large one); null-aware anti, mark and single joins always build on the subquery.
    func planJoin(_ join: JoinNode, columns: [PlanColumn]) throws -> Planned {
        let left = try plan(join.left)
        let right = try plan(join.right)
        let leftIDs = Set(left.layout)
        let rightIDs = Set(right.layout)
        var leftKeys: [PhysicalExpression] = []
        var rightKeys: [PhysicalExpression] = []
        var residual: [PhysicalExpression] = []
        for conjunct in join.condition?.conjuncts ?? [] {
            if case .comparison(.equal, let a, let b) = conjunct, let (leftKey, rightKey) = Self.keyPair(a, b, leftIDs, rightIDs) {
                let common = TypeCoercion.comparisonType(leftKey.type, rightKey.type) ?? leftKey.type
                leftKeys.append(ExpressionBinder.cast(leftKey, to: common))
                rightKeys.append(ExpressionBinder.cast(rightKey, to: common))
            } else {
                residual.append(conjunct)
            }
        }

        var kind = join.kind
        var probe = left
        var build = right
        var probeKeys = leftKeys
        var buildKeys = rightKeys
        if [.inner, .left, .right, .full, .semi, .anti].contains(kind), !leftKeys.isEmpty,
           PlanAnalysis.estimatedRows(join.left) < PlanAnalysis.estimatedRows(join.right) {
            swap(&probe, &build)
            swap(&probeKeys, &buildKeys)
            kind = switch kind {
            case .left: .right
            case .right: .left
            case .semi: .rightSemi
            case .anti: .rightAnti
            default: kind
            }
        }
        var layout = kind.outputsLeftColumns ? probe.layout : []
        if kind.outputsRightColumns { layout += build.layout }
        if kind == .mark, let mark = join.mark { layout.append(mark.id) }
        let pairLayout = probe.layout + build.layout
        let outputSchema = Self.schema(layout.map { id in columns.first { $0.id == id }! })

        let stream: any BatchStream
        if probeKeys.isEmpty {
            stream = NestedLoopJoinStream(kind: kind, left: probe.stream, right: build.stream,
                                          condition: try PhysicalExpression.conjunction(residual).map { try bind($0, pairLayout) },
                                          outputSchema: outputSchema, context: context)
        } else {
            stream = HashJoinStream(kind: kind, probe: probe.stream, build: build.stream,
                                    probeKeys: try probeKeys.map { try bind($0, probe.layout) },
                                    buildKeys: try buildKeys.map { try bind($0, build.layout) },
                                    residual: try PhysicalExpression.conjunction(residual).map { try bind($0, pairLayout) },
                                    outputSchema: outputSchema, context: context)
        }
        return Planned(stream: stream, layout: layout)
    }

    /// `a = b` as (left side's key, right side's key) when each side reads only one input.
    private static func keyPair(_ a: PhysicalExpression, _ b: PhysicalExpression, _ leftIDs: Set<Int>,
                                _ rightIDs: Set<Int>) -> (PhysicalExpression, PhysicalExpression)? {
        let aIDs = a.columnIDs
        let bIDs = b.columnIDs
        guard !aIDs.isEmpty, !bIDs.isEmpty else { return nil }
        if aIDs.isSubset(of: leftIDs), bIDs.isSubset(of: rightIDs) { return (a, b) }
        if bIDs.isSubset(of: leftIDs), aIDs.isSubset(of: rightIDs) { return (b, a) }
        return nil
    }
}
