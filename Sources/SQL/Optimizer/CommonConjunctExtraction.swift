/// Pulls conjuncts that every branch of an `OR` shares out in front of it:
/// `(a AND b) OR (a AND c)` becomes `a AND (b OR c)`. TPC-H Q19 writes its join condition
/// `p_partkey = l_partkey` inside each of three branches; once pulled out it is a hash join key
/// instead of a condition a nested loop must test on every pair. The branches keep the rest, and
/// an `OR` left with an empty branch is TRUE, so the rewrite keeps the predicate's meaning.
struct CommonConjunctExtraction: OptimizerRule {
    var name: String { "common conjunct extraction" }

    func apply(to plan: LogicalPlan) throws -> LogicalPlan {
        plan.transformedUp { node in
            switch node {
            case .filter(let input, let predicate):
                return .filter(input, Self.extracted(predicate))
            case .join(var join):
                join.condition = join.condition.map(Self.extracted)
                return .join(join)
            default:
                return node
            }
        }
    }

    static func extracted(_ predicate: PhysicalExpression) -> PhysicalExpression {
        let conjuncts = predicate.conjuncts.flatMap { conjunct -> [PhysicalExpression] in
            guard case .or = conjunct else { return [conjunct] }
            // `a OR b OR c` binds as OR(OR(a, b), c): look at all three branches at once.
            let branchConjuncts = disjuncts(of: conjunct).map(\.conjuncts)
            let common = branchConjuncts[0].filter { candidate in branchConjuncts.allSatisfy { $0.contains(candidate) } }
            guard !common.isEmpty else { return [conjunct] }
            let rests = branchConjuncts.map { branch in branch.filter { !common.contains($0) } }
            // A branch with nothing left is TRUE, and so is the whole OR.
            if rests.contains(where: \.isEmpty) { return common }
            return common + [.or(rests.map { PhysicalExpression.conjunction($0)! })]
        }
        return PhysicalExpression.conjunction(conjuncts) ?? .literal(.boolean(true), .boolean)
    }

    /// The operands of nested ORs, flattened.
    static func disjuncts(of expression: PhysicalExpression) -> [PhysicalExpression] {
        if case .or(let operands) = expression { return operands.flatMap(disjuncts) }
        return [expression]
    }
}
