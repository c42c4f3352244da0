import SluiceCore

/// A scan's filters, evaluated on only the columns they read: a scan decodes those columns
/// first and the rest only for row groups where some row survives (late materialization).
///
/// Threading: immutable.
struct ScanFilter: Sendable {
    /// The output positions the filters read, ascending: the columns decoded first.
    let columns: [Int]
    /// The schema of a batch of just `columns`.
    let schema: Schema
    /// The filters, with column positions into `columns`.
    let predicates: [PhysicalExpression]

    /// - Returns: nil when there are no filters.
    init?(filters: [PhysicalExpression], outputSchema: Schema) {
        guard !filters.isEmpty else { return nil }
        let columns = Array(Set(filters.flatMap(\.referencedColumns))).sorted()
        var positions: [Int: Int] = [:]
        for (position, column) in columns.enumerated() { positions[column] = position }
        self.columns = columns
        schema = Schema(columns.map { outputSchema.fields[$0] })
        predicates = filters.map { ScanFilter.remapped($0, positions) }
    }

    /// The rows of `batch` (of `schema`) where every filter is TRUE, ascending; nil when that is
    /// every row.
    /// - Throws: `SluiceError` from evaluating a filter.
    func select(_ batch: RecordBatch) throws -> [Int32]? {
        var selection: [Int32]?
        for predicate in predicates {
            selection = try ExpressionEvaluator.select(predicate, on: batch, within: selection)
            if selection!.isEmpty { return [] }
        }
        return selection!.count == batch.rowCount ? nil : selection
    }

    /// `expression` with every column position replaced through `positions`.
    static func remapped(_ expression: PhysicalExpression, _ positions: [Int: Int]) -> PhysicalExpression {
        let map = { (child: PhysicalExpression) in remapped(child, positions) }
        switch expression {
        case .column(let index, let type, let name):
            return .column(index: positions[index] ?? index, type: type, name: name)
        case .literal:
            return expression
        case .arithmetic(let op, let left, let right, let resultType):
            return .arithmetic(op, map(left), map(right), resultType: resultType)
        case .comparison(let op, let left, let right):
            return .comparison(op, map(left), map(right))
        case .and(let operands):
            return .and(operands.map(map))
        case .or(let operands):
            return .or(operands.map(map))
        case .not(let operand):
            return .not(map(operand))
        case .isNull(let operand, let negated):
            return .isNull(map(operand), negated: negated)
        case .between(let value, let low, let high, let negated):
            return .between(map(value), low: map(low), high: map(high), negated: negated)
        case .inList(let value, let list, let negated):
            return .inList(map(value), list.map(map), negated: negated)
        case .like(let value, let pattern, let escape, let negated):
            return .like(map(value), pattern: map(pattern), escape: escape, negated: negated)
        case .caseWhen(let operand, let branches, let otherwise, let resultType):
            return .caseWhen(operand: operand.map(map),
                             branches: branches.map { CaseBranch(when: map($0.when), then: map($0.then)) },
                             otherwise: otherwise.map(map), resultType: resultType)
        case .cast(let operand, let type):
            return .cast(map(operand), to: type)
        case .function(let function, let arguments, let resultType):
            return .function(function, arguments.map(map), resultType: resultType)
        }
    }
}
