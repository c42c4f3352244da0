/// Merges a `LIMIT` into the `ORDER BY` below it (through projections), making the sort a
/// top-N that keeps only `limit + offset` rows per thread instead of sorting everything.
struct LimitPushdown: OptimizerRule {
    var name: String { "limit pushdown" }

    func apply(to plan: LogicalPlan) throws -> LogicalPlan {
        plan.transformedUp { node in
            guard case .limit(let input, let limit?, let offset) = node else { return node }
            switch input {
            case .sort(var sort) where sort.limit == nil:
                sort.limit = limit
                sort.offset = offset
                return .sort(sort)
            case .project(.sort(var sort), let columns) where sort.limit == nil:
                sort.limit = limit
                sort.offset = offset
                return .project(.sort(sort), columns)
            default:
                return node
            }
        }
    }
}
