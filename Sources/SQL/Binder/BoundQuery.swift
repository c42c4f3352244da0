/// A bound query: its plan and the columns it shows, in order, with their output names.
struct BoundQuery: Sendable {
    var plan: LogicalPlan
    var columns: [PlanColumn]
}

/// A subquery met inside an expression, waiting to be joined to the plan of the clause that
/// holds the expression: the clause's plan becomes the join's left side.
struct PendingJoin: Sendable {
    var kind: JoinKind
    var right: LogicalPlan
    var condition: PhysicalExpression?
    var mark: PlanColumn?

    func applied(to left: LogicalPlan) -> LogicalPlan {
        .join(JoinNode(kind: kind, left: left, right: right, condition: condition, mark: mark))
    }
}
