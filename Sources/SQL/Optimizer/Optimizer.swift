/// Runs the optimizer rules over a bound plan, in an order where each rule sets up the next:
/// subqueries are decorrelated into joins first, constants folded, conjuncts shared by all
/// branches of an OR pulled out, filters pushed down into
/// joins and scans, semi and anti joins pushed below the inner joins they filter, joins reordered by estimated sizes (then filters pushed again into the new
/// joins), grouped aggregates read by a join narrowed to the keys a small table allows, limits
/// merged into sorts, and finally every operator reads only the columns it needs.
enum Optimizer {
    static let rules: [any OptimizerRule] = [
        Decorrelation(), ConstantFolding(), CommonConjunctExtraction(), PredicatePushdown(), SemiJoinPushdown(), JoinReordering(), PredicatePushdown(),
        AggregateKeyReduction(), LimitPushdown(), ProjectionPruning(),
    ]

    static func optimize(_ plan: LogicalPlan) throws -> LogicalPlan {
        try rules.reduce(plan) { plan, rule in try rule.apply(to: plan) }
    }
}
