import SluiceCore
import Testing
@testable import SQL

/// Builders that keep expression tests short: batches from boxed values, expression shorthands.
enum TestBatch {
    /// A batch with one column per entry, named as given.
    static func make(_ columns: [(String, DataType, [Value])]) throws -> RecordBatch {
        let schema = Schema(columns.map { Field($0.0, $0.1) })
        return RecordBatch(schema: schema, columns: try columns.map { try Column(type: $0.1, $0.2) })
    }

    /// A one-column batch.
    static func single(_ name: String, _ type: DataType, _ values: [Value]) throws -> RecordBatch {
        try make([(name, type, values)])
    }
}

/// Column `index` of `batch`, as an expression.
func col(_ batch: RecordBatch, _ index: Int) -> PhysicalExpression {
    let field = batch.schema.fields[index]
    return .column(index: index, type: field.type, name: field.name)
}

func lit(_ value: Value, _ type: DataType) -> PhysicalExpression { .literal(value, type) }
func int32(_ value: Int32) -> PhysicalExpression { .literal(.int32(value), .int32) }
func int64(_ value: Int64) -> PhysicalExpression { .literal(.int64(value), .int64) }
func double(_ value: Double) -> PhysicalExpression { .literal(.float64(value), .float64) }
func text(_ value: String) -> PhysicalExpression { .literal(.string(value), .string) }
func decimal(_ text: String, _ precision: Int, _ scale: Int) -> PhysicalExpression {
    .literal(.decimal(Decimal128.parse(text, scale: scale)!, scale: scale), .decimal(precision: precision, scale: scale))
}
func date(_ text: String) -> PhysicalExpression { .literal(.date(CivilTime.parseDate(text)!), .date) }
func dateValue(_ text: String) -> Value { .date(CivilTime.parseDate(text)!) }
func decimalValue(_ text: String, _ scale: Int) -> Value { .decimal(Decimal128.parse(text, scale: scale)!, scale: scale) }
func timestampValue(_ text: String) -> Value { .timestamp(CivilTime.parseTimestamp(text)!) }

/// `left op right` with the result type the binder would pick.
func arithmetic(_ op: ArithmeticOperator, _ left: PhysicalExpression, _ right: PhysicalExpression) -> PhysicalExpression {
    let resultType = TypeCoercion.arithmeticResultType(op, left.type, right.type)!
    return .arithmetic(op, left, right, resultType: resultType)
}

func call(_ function: ScalarFunction, _ arguments: PhysicalExpression...) -> PhysicalExpression {
    .function(function, arguments, resultType: function.resultType(for: arguments)!)
}

/// The expression's values over `batch`, boxed.
func evaluated(_ expression: PhysicalExpression, _ batch: RecordBatch) throws -> [Value] {
    let column = try ExpressionEvaluator.evaluate(expression, on: batch)
    #expect(column.count == batch.rowCount)
    #expect(column.type == expression.type)
    checkNullSlotsAreZero(column)
    return (0..<column.count).map { column[$0] }
}

/// The value of an expression over no columns (a one-row batch with a dummy column).
func evaluatedConstant(_ expression: PhysicalExpression) throws -> Value {
    let batch = try TestBatch.single("dummy", .int32, [.int32(0)])
    return try evaluated(expression, batch)[0]
}

/// The message of the error `body` throws, or nil.
func errorMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as SluiceError {
        return error.message
    } catch {
        return "\(error)"
    }
}

/// Results keep the `ColumnValues` contract: null rows hold zero or nothing.
func checkNullSlotsAreZero(_ column: Column, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    for row in 0..<column.count where column.isNull(row) {
        let isZero: Bool = switch column.values {
        case .boolean(let v): v[row] == false
        case .int32(let v): v[row] == 0
        case .int64(let v): v[row] == 0
        case .int128(let v): v[row] == 0
        case .float64(let v): v[row] == 0
        case .bytes(let b): b.byteRange(row).isEmpty
        }
        #expect(isZero, "null slot \(row) of \(column.type) holds a value", sourceLocation: sourceLocation)
    }
}
