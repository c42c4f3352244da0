import SluiceCore

/// Evaluates the parts of expressions that read no columns (`CAST('1998-12-01' AS DATE) -
/// INTERVAL '90' DAY` becomes one DATE literal), simplifies `AND`/`OR` with constant operands,
/// and drops filters that are always TRUE. Expressions whose evaluation fails (a division by
/// zero) are left for run time, where the error names the expression.
struct ConstantFolding: OptimizerRule {
    var name: String { "constant folding" }

    func apply(to plan: LogicalPlan) throws -> LogicalPlan {
        plan.transformedUp { node in
            switch node {
            case .filter(let input, let predicate):
                let folded = Self.fold(predicate)
                if folded.literalValue == .boolean(true) { return input }
                return .filter(input, folded)
            case .project(let input, let columns):
                return .project(input, columns.map { ComputedColumn($0.column, Self.fold($0.expression)) })
            case .join(var join):
                join.condition = join.condition.map(Self.fold)
                if join.condition?.literalValue == .boolean(true) { join.condition = nil }
                return .join(join)
            case .scan(var scan):
                scan.filters = scan.filters.map(Self.fold)
                return .scan(scan)
            default:
                return node
            }
        }
    }

    /// The expression with constant subtrees replaced by literals.
    static func fold(_ expression: PhysicalExpression) -> PhysicalExpression {
        let children = expression.children
        if children.isEmpty { return expression }
        let folded = expression.replacingChildren(children.map(fold))
        switch folded {
        case .and(let operands):
            if operands.contains(where: { $0.literalValue == .boolean(false) }) { return .literal(.boolean(false), .boolean) }
            let rest = operands.filter { $0.literalValue != .boolean(true) }
            if rest.isEmpty { return .literal(.boolean(true), .boolean) }
            return rest.count == 1 ? rest[0] : .and(rest)
        case .or(let operands):
            if operands.contains(where: { $0.literalValue == .boolean(true) }) { return .literal(.boolean(true), .boolean) }
            let rest = operands.filter { $0.literalValue != .boolean(false) }
            if rest.isEmpty { return .literal(.boolean(false), .boolean) }
            return rest.count == 1 ? rest[0] : .or(rest)
        default:
            break
        }
        guard folded.children.allSatisfy({ if case .literal = $0 { true } else { false } }),
              let value = try? evaluateConstant(folded) else { return folded }
        return .literal(value, folded.type)
    }

    /// The value of an expression without columns; nil when it reads columns.
    /// - Throws: the evaluation's error (division by zero, a bad cast).
    static func evaluateConstant(_ expression: PhysicalExpression) throws -> Value? {
        guard expression.referencedColumns.isEmpty else { return nil }
        let column = try ExpressionEvaluator.evaluate(expression, on: oneRow)
        return column[0]
    }

    /// A batch of one row and one unused column, to evaluate constants on.
    private static let oneRow = RecordBatch(schema: Schema([Field("row", .boolean)]),
                                            columns: [try! Column(type: .boolean, [.boolean(true)])])
}
