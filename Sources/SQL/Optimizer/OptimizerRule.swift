/// One rewrite of a logical plan that keeps its result the same. The optimizer runs the rules
/// in a fixed order (`Optimizer.rules`); each rule is one file.
protocol OptimizerRule: Sendable {
    /// The rule's name, for `EXPLAIN` traces and errors.
    var name: String { get }

    /// The rewritten plan.
    /// - Throws: `SluiceError` when the plan has a shape the engine cannot run (an unsupported
    ///   correlated subquery).
    func apply(to plan: LogicalPlan) throws -> LogicalPlan
}
