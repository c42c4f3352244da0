import SluiceCore

/// A condition over the concatenation (left columns ++ right columns) of candidate pairs,
/// evaluated over only the columns it reads, gathered at the pairs: the residual of a hash
/// join and the condition of a nested-loop join.
///
/// Threading: immutable; evaluated from every probing thread.
struct JoinCondition: Sendable {
    /// The condition with column positions renumbered onto the gathered columns.
    let expression: PhysicalExpression
    /// For each gathered column, its position on the left side, or nil when it is a right one.
    private let leftSources: [Int?]
    /// For each gathered column, its position on the right side (when `leftSources` says nil).
    private let rightSources: [Int]
    private let schema: Schema

    /// - Parameters:
    ///   - expression: a BOOLEAN expression over left ++ right.
    ///   - leftColumnCount: the number of left columns (right column `i` is position
    ///     `leftColumnCount + i`).
    ///   A non-BOOLEAN condition fails when evaluated (`SluiceError`, internal).
    init(_ expression: PhysicalExpression, leftColumnCount: Int) {
        let referenced = expression.referencedColumns
        var compactIndex: [Int: Int] = [:]
        var leftSources: [Int?] = []
        var rightSources: [Int] = []
        var fields: [Field] = []
        for (compact, index) in referenced.enumerated() {
            compactIndex[index] = compact
            leftSources.append(index < leftColumnCount ? index : nil)
            rightSources.append(index - leftColumnCount)
        }
        let renumbered = expression.renumberingColumns { index, type, name in
            .column(index: compactIndex[index]!, type: type, name: name)
        }
        for index in referenced {
            fields.append(Field("c\(index)", Self.columnType(of: index, in: expression) ?? .boolean))
        }
        self.expression = renumbered
        self.leftSources = leftSources
        self.rightSources = rightSources
        self.schema = Schema(fields)
    }

    /// The positions of the pairs for which the condition is TRUE, ascending.
    func select(probe: RecordBatch, build: [Column], pairs: JoinPairs) throws -> [Int32] {
        try ExpressionEvaluator.select(expression, on: gathered(probe: probe, build: build, pairs: pairs))
    }

    /// The condition's value (TRUE, FALSE or NULL) for every pair.
    func evaluate(probe: RecordBatch, build: [Column], pairs: JoinPairs) throws -> Column {
        guard expression.type == .boolean else {
            throw SluiceError.internal("join condition \(expression) is \(expression.type), not BOOLEAN")
        }
        return try ExpressionEvaluator.evaluate(expression, on: gathered(probe: probe, build: build, pairs: pairs))
    }

    private func gathered(probe: RecordBatch, build: [Column], pairs: JoinPairs) -> RecordBatch {
        let columns = leftSources.indices.map { compact in
            if let left = leftSources[compact] {
                return JoinColumnGather.gather(probe.columns[left], at: pairs.probeRows)
            }
            return JoinColumnGather.gather(build[rightSources[compact]], at: pairs.buildRows)
        }
        if columns.isEmpty {
            // A condition over no column (a constant) still needs the row count.
            let placeholder = Column(type: .boolean, values: .boolean([Bool](repeating: false, count: pairs.count)))
            return RecordBatch(schema: Schema([Field("rows", .boolean)]), columns: [placeholder])
        }
        return RecordBatch(schema: schema, columns: columns)
    }

    private static func columnType(of index: Int, in expression: PhysicalExpression) -> DataType? {
        if case .column(let position, let type, _) = expression, position == index { return type }
        for child in expression.children {
            if let type = columnType(of: index, in: child) { return type }
        }
        return nil
    }
}
