/// The logical plan as an indented tree, for `EXPLAIN` and error messages.
enum LogicalPlanText {
    static func nodeName(_ plan: LogicalPlan) -> String {
        switch plan {
        case .scan: "Scan"
        case .values: "Values"
        case .filter: "Filter"
        case .project: "Project"
        case .aggregate: "Aggregate"
        case .join(let join): "\(upperCamel(join.kind.rawValue))Join"
        case .sort(let sort): sort.limit == nil ? "Sort" : "TopN"
        case .limit: "Limit"
        case .setOperation(let operation): upperCamel(operation.kind.rawValue) + (operation.all ? "All" : "")
        case .window: "Window"
        }
    }

    /// `null_aware_anti` → `NullAwareAnti`.
    static func upperCamel(_ text: String) -> String {
        text.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
