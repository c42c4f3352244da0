import SluiceCore

/// The columns an expression is evaluated over: those of a batch, or only the ones an
/// expression reads, gathered at selected rows (so a `CASE` branch or a conjunct after a
/// filter sees only its rows and cannot fail on rows that were filtered out).
struct EvaluationInput {
    /// One slot per column of the batch. In a gathered input only the slots in `gathered` hold
    /// the gathered rows; the others keep the batch's column and must not be read.
    private let columns: [Column]
    private let gathered: Set<Int>?
    let rowCount: Int

    init(_ batch: RecordBatch) {
        columns = batch.columns
        gathered = nil
        rowCount = batch.rowCount
    }

    private init(columns: [Column], gathered: Set<Int>, rowCount: Int) {
        self.columns = columns
        self.gathered = gathered
        self.rowCount = rowCount
    }

    /// The input restricted to `rows` (ascending or not), holding only `expression`'s columns.
    func gathered(at rows: [Int32], for expression: PhysicalExpression) -> EvaluationInput {
        let indices = rows.map { Int($0) }
        var restricted = columns
        var taken = Set<Int>()
        for index in expression.referencedColumns where index < columns.count && (gathered?.contains(index) ?? true) {
            restricted[index] = columns[index].take(indices)
            taken.insert(index)
        }
        return EvaluationInput(columns: restricted, gathered: taken, rowCount: rows.count)
    }

    /// Column `index`, checked against the type the expression was bound with.
    /// - Throws: `SluiceError` (internal) when the plan and the batch disagree.
    func column(_ index: Int, type: DataType, name: String) throws -> Column {
        guard index >= 0, index < columns.count, gathered?.contains(index) ?? true else {
            throw SluiceError.internal("column \(index) ('\(name)') is not in the input of \(columns.count) columns")
        }
        let column = columns[index]
        guard column.type == type else {
            throw SluiceError.internal("column \(index) ('\(name)') is \(column.type), the expression expects \(type)")
        }
        return column
    }
}
