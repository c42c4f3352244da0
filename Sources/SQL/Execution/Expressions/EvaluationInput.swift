import SluiceCore

/// The columns an expression is evaluated over: those of a batch, or only the ones an
/// expression reads, gathered at selected rows (so a `CASE` branch or a conjunct after a
/// filter sees only its rows and cannot fail on rows that were filtered out).
struct EvaluationInput {
    /// One slot per column of the batch; nil where a gathered input left a column out.
    private let columns: [Column?]
    let rowCount: Int

    init(_ batch: RecordBatch) {
        columns = batch.columns
        rowCount = batch.rowCount
    }

    private init(columns: [Column?], rowCount: Int) {
        self.columns = columns
        self.rowCount = rowCount
    }

    /// The input restricted to `rows` (ascending or not), holding only `expression`'s columns.
    func gathered(at rows: [Int32], for expression: PhysicalExpression) -> EvaluationInput {
        let indices = rows.map { Int($0) }
        var gathered = [Column?](repeating: nil, count: columns.count)
        for index in expression.referencedColumns where index < columns.count {
            gathered[index] = columns[index]?.take(indices)
        }
        return EvaluationInput(columns: gathered, rowCount: rows.count)
    }

    /// Column `index`, checked against the type the expression was bound with.
    /// - Throws: `SluiceError` (internal) when the plan and the batch disagree.
    func column(_ index: Int, type: DataType, name: String) throws -> Column {
        guard index >= 0, index < columns.count, let column = columns[index] else {
            throw SluiceError.internal("column \(index) ('\(name)') is not in the input of \(columns.count) columns")
        }
        guard column.type == type else {
            throw SluiceError.internal("column \(index) ('\(name)') is \(column.type), the expression expects \(type)")
        }
        return column
    }
}
