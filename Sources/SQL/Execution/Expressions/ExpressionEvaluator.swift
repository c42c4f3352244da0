import SluiceCore

/// Evaluates `PhysicalExpression`s over record batches, a column at a time.
///
/// Stateless and thread-safe: operators on several threads call it at once. Literals are never
/// expanded to columns until a result needs it, and kernels specialize column-versus-literal
/// loops; validity bitmaps are combined a word at a time. Results keep the `ColumnValues`
/// contract (null slots hold zero).
///
/// Runtime failures are `SluiceError`s of fault `.data` whose message names the expression:
/// integer or decimal overflow ("integer overflow in a * 2 (2147483647 * 2 does not fit INT32)"),
/// integer or decimal `//` and `%` by zero ("division by zero in a % b"), values that do not
/// cast, square roots of negative numbers. This follows DuckDB 2, the version the TPC-H checks
/// install; doubles follow IEEE 754 there (`1 / 0` is infinity, no error), and DuckDB 1.x gave
/// NULL for zero divisors. A plan that does not fit the batch (wrong column type) is `.internal`.
public enum ExpressionEvaluator {
    /// The value of `expression` for every row of `batch`.
    /// - Throws: `SluiceError` as described on the type.
    public static func evaluate(_ expression: PhysicalExpression, on batch: RecordBatch) throws -> Column {
        try evaluate(expression, EvaluationInput(batch)).materialized(count: batch.rowCount)
    }

    /// The value of `expression` at `rows` of `batch` only (say, the rows a filter kept): a
    /// column of `rows.count` values, in the order of `rows`. Other rows are never evaluated,
    /// so they cannot fail.
    /// - Throws: `SluiceError` as described on the type.
    public static func evaluate(_ expression: PhysicalExpression, on batch: RecordBatch, at rows: [Int32]) throws -> Column {
        let input = EvaluationInput(batch).gathered(at: rows, for: expression)
        return try evaluate(expression, input).materialized(count: rows.count)
    }

    /// The rows where the BOOLEAN `predicate` is TRUE (not FALSE, not NULL), ascending: a
    /// selection vector for a filter.
    ///
    /// - Parameters:
    ///   - selection: when given, only these rows (ascending) are considered and evaluated, as
    ///     after an earlier filter; conjuncts narrow it one after another.
    /// - Throws: `SluiceError` as described on the type; `.internal` for a non-BOOLEAN predicate.
    public static func select(
        _ predicate: PhysicalExpression, on batch: RecordBatch, within selection: [Int32]? = nil
    ) throws -> [Int32] {
        guard predicate.type == .boolean else {
            throw SluiceError.internal("filter predicate \(predicate) is \(predicate.type), not BOOLEAN")
        }
        return try select(predicate, EvaluationInput(batch), within: selection)
    }

    // MARK: - Dispatch

    /// Evaluates one expression node over `input`.
    static func evaluate(_ expression: PhysicalExpression, _ input: EvaluationInput) throws -> Datum {
        // No rows, nothing to evaluate: not even literal arithmetic may fail.
        if input.rowCount == 0 { return .column(Column(type: expression.type, values: .empty(expression.type.storage))) }
        switch expression {
        case .column(let index, let type, let name):
            return .column(try input.column(index, type: type, name: name))
        case .literal(let value, let type):
            return .scalar(try normalizedLiteral(value, type: type), type)
        case .arithmetic(let op, let left, let right, let resultType):
            return try arithmetic(op, try evaluate(left, input), try evaluate(right, input),
                                  resultType: resultType, count: input.rowCount, expression: expression)
        case .comparison, .and, .or, .not, .isNull, .between, .inList, .like:
            guard case .booleans(let column) = try predicate(expression, input, target: .booleans) else {
                throw SluiceError.internal("predicate kernel returned a selection for a projection")
            }
            return .column(column)
        case .caseWhen(let operand, let branches, let otherwise, let resultType):
            return try caseWhen(operand: operand, branches: branches, otherwise: otherwise,
                                resultType: resultType, input, expression: expression)
        case .cast(let operand, let type):
            return try cast(try evaluate(operand, input), to: type, in: expression)
        case .function(let function, let arguments, let resultType):
            let result = try call(function, arguments, input, expression: expression)
            return try cast(result, to: resultType, in: expression)
        }
    }

    /// A literal's value in the representation of `type` (a decimal at the type's scale, ...).
    static func normalizedLiteral(_ value: Value, type: DataType) throws -> Value {
        if value.isNull { return .null }
        guard let converted = value.converted(to: type), !converted.isNull else {
            throw SluiceError.internal("literal \(value) is not a \(type)")
        }
        return converted
    }

    /// The data error for a runtime failure in `expression`.
    static func failure(_ message: String, in expression: PhysicalExpression) -> SluiceError {
        SluiceError.data("\(message) in \(expression)")
    }

    /// A value as it appears in an error message: text quoted.
    static func quoted(_ value: Value) -> String {
        if case .string(let text) = value { return "'\(text)'" }
        return value.description
    }
}
