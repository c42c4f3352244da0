import SluiceCore

/// `+ - * / // %` over integers, decimals, doubles and dates.
///
/// The result type decides the domain: INT32/INT64 compute in that width, decimals on unscaled
/// integers (`+ - %` at the result scale, `*` at the sum of the operand scales, then checked
/// against the result precision), FLOAT64 in doubles.
///
/// Failures follow DuckDB 2: integer and decimal overflow is an error naming the expression and
/// the operands; `//` and `%` by zero on integers and decimals are errors ("division by zero in
/// a // b"); doubles follow IEEE 754 (`1 / 0` is infinity, `0 / 0` and `x % 0` are NaN, overflow
/// gives infinity). DuckDB 1.x returned NULL for a zero divisor instead.
extension ExpressionEvaluator {
    static func arithmetic(
        _ op: ArithmeticOperator, _ left: Datum, _ right: Datum, resultType: DataType, count: Int,
        expression: PhysicalExpression
    ) throws -> Datum {
        if left.isNullScalar || right.isNullScalar { return .scalar(.null, resultType) }
        if case .scalar = left, case .scalar = right {
            let column = try arithmetic(op, .column(left.materialized(count: 1)), .column(right.materialized(count: 1)),
                                        resultType: resultType, count: 1, expression: expression)
            return .scalar(column.value(at: 0), resultType)
        }
        switch resultType {
        case .int32, .int64:
            if left.type == .date, right.type == .date, op == .subtract {
                return try dateDifference(left, right, resultType: resultType, count: count, expression: expression)
            }
            return try integerArithmetic(op, try cast(left, to: resultType, in: expression), try cast(right, to: resultType, in: expression),
                                         resultType: resultType, count: count, expression: expression)
        case .float64:
            return try doubleArithmetic(op, try cast(left, to: .float64, in: expression), try cast(right, to: .float64, in: expression),
                                        count: count, expression: expression)
        case .decimal:
            return try decimalArithmetic(op, left, right, resultType: resultType, count: count, expression: expression)
        case .date:
            return try dateArithmetic(op, left, right, count: count, expression: expression)
        default:
            throw SluiceError.internal("no arithmetic producing \(resultType) in \(expression)")
        }
    }

    // MARK: - Integers and decimals

    /// Integer or unscaled-decimal arithmetic on operands already of `resultType`'s storage.
    private static func integerArithmetic(
        _ op: ArithmeticOperator, _ left: Datum, _ right: Datum, resultType: DataType, count: Int,
        expression: PhysicalExpression, overflowPossible: Bool = true
    ) throws -> Datum {
        switch resultType.storage {
        case .int32:
            let values = try integerKernel(op, left.int32Operand(), right.int32Operand(), left, right, count: count,
                                           resultType: resultType, expression: expression, overflowPossible: overflowPossible)
            return finish(.int32(values), left, right, resultType: resultType)
        case .int64:
            let values = try integerKernel(op, left.int64Operand(), right.int64Operand(), left, right, count: count,
                                           resultType: resultType, expression: expression, overflowPossible: overflowPossible)
            return finish(.int64(values), left, right, resultType: resultType)
        case .int128:
            let values = try integerKernel(op, left.int128Operand(), right.int128Operand(), left, right, count: count,
                                           resultType: resultType, expression: expression, overflowPossible: overflowPossible)
            return finish(.int128(values), left, right, resultType: resultType)
        default:
            throw SluiceError.internal("\(resultType) is not an integer type in \(expression)")
        }
    }

    /// Runs the kernel and turns a flagged overflow on a valid row into an error.
    private static func integerKernel<T: FixedWidthInteger & SignedInteger>(
        _ op: ArithmeticOperator, _ left: Operand<T>, _ right: Operand<T>, _ leftDatum: Datum, _ rightDatum: Datum,
        count: Int, resultType: DataType, expression: PhysicalExpression, overflowPossible: Bool
    ) throws -> [T] {
        if !overflowPossible {
            return uncheckedKernel(op, left, right, count: count)
        }
        let checksBounds = if case .decimal = resultType { true } else { false }
        let (lower, upper) = checksBounds ? bounds(of: resultType, as: T.self) : (T.min, T.max)
        let (values, anyFailed) = integerKernel(op, left, right, count: count, lower: lower, upper: upper)
        if anyFailed {
            let validity = ValidityBitmap.intersection(leftDatum.validity, rightDatum.validity)
            for row in 0..<count where validity?.isValid(row) ?? true {
                let divisor = element(right, row)
                let single = integerKernel(op, .scalar(element(left, row)), .scalar(divisor), count: 1, lower: lower, upper: upper)
                if single.anyFlagged {
                    if op.isDivision && divisor == 0 { throw failure("division by zero", in: expression) }
                    let kind = checksBounds ? "decimal" : "integer"
                    throw failure("\(kind) overflow", in: expression, operands: (leftDatum.value(at: row), op.symbol, rightDatum.value(at: row)),
                                  resultType: resultType)
                }
            }
        }
        return values
    }

    /// The loops: each operator with overflow reporting; results outside `lower...upper` (the
    /// decimal precision) count as overflow, and so does a zero divisor (the caller tells them
    /// apart).
    @inline(__always)
    private static func integerKernel<T: FixedWidthInteger & SignedInteger>(
        _ op: ArithmeticOperator, _ left: Operand<T>, _ right: Operand<T>, count: Int, lower: T, upper: T
    ) -> (values: [T], anyFlagged: Bool) {
        switch op {
        case .add:
            return VectorKernels.map(left, right, count: count) { a, b in
                let (sum, overflow) = a.addingReportingOverflow(b)
                return (sum, overflow || sum < lower || sum > upper)
            }
        case .subtract:
            return VectorKernels.map(left, right, count: count) { a, b in
                let (difference, overflow) = a.subtractingReportingOverflow(b)
                return (difference, overflow || difference < lower || difference > upper)
            }
        case .multiply:
            return VectorKernels.map(left, right, count: count) { a, b in
                let (product, overflow) = a.multipliedReportingOverflow(by: b)
                return (product, overflow || product < lower || product > upper)
            }
        case .integerDivide, .divide:
            return VectorKernels.map(left, right, count: count) { a, b in
                if b == 0 { return (0, true) }
                let (quotient, overflow) = a.dividedReportingOverflow(by: b)
                return (quotient, overflow || quotient < lower || quotient > upper)
            }
        case .modulo:
            // T.min % -1 overflows in hardware; its remainder is 0.
            return VectorKernels.map(left, right, count: count) { a, b in
                (b == 0 || b == -1 ? 0 : a % b, b == 0)
            }
        }
    }

    /// The loops for results the types prove cannot overflow: plain wrapping arithmetic, which
    /// the compiler vectorizes.
    private static func uncheckedKernel<T: FixedWidthInteger & SignedInteger>(
        _ op: ArithmeticOperator, _ left: Operand<T>, _ right: Operand<T>, count: Int
    ) -> [T] {
        switch op {
        case .add: VectorKernels.map(left, right, count: count) { a, b in (a &+ b, false) }.values
        case .subtract: VectorKernels.map(left, right, count: count) { a, b in (a &- b, false) }.values
        case .multiply: VectorKernels.map(left, right, count: count) { a, b in (a &* b, false) }.values
        case .divide, .integerDivide, .modulo: preconditionFailure("division always checks its divisor")
        }
    }

    /// Whether a decimal result can leave its precision, judging by the operand types alone:
    /// DuckDB's rules give `+`/`-` one digit more than the operands need and `*` the sum of
    /// their digits, unless the precision was capped at 18 or 38 digits.
    static func decimalOverflowPossible(_ op: ArithmeticOperator, _ left: DataType, _ right: DataType, result: DataType) -> Bool {
        guard case .decimal(let precision, let scale) = result,
              let (leftPrecision, leftScale) = TypeCoercion.decimalShape(of: left),
              let (rightPrecision, rightScale) = TypeCoercion.decimalShape(of: right) else { return true }
        switch op {
        case .add, .subtract:
            let needed = max(leftScale, rightScale) + max(leftPrecision - leftScale, rightPrecision - rightScale) + 1
            return scale != max(leftScale, rightScale) || needed > precision
        case .multiply:
            return scale != leftScale + rightScale || leftPrecision + rightPrecision > precision
        case .divide, .integerDivide, .modulo:
            // A zero divisor is an error the checked loops report.
            return true
        }
    }

    private static func element<T>(_ operand: Operand<T>, _ row: Int) -> T {
        switch operand {
        case .vector(let values): values[row]
        case .scalar(let value): value
        }
    }

    /// The result column, valid where both operands are.
    private static func finish(_ values: ColumnValues, _ left: Datum, _ right: Datum, resultType: DataType) -> Datum {
        let validity = ValidityBitmap.intersection(left.validity, right.validity)
        return .column(Column.cleaned(type: resultType, values: values, validity: validity))
    }

    /// Decimal `+ - %` at the result scale, `*` at the operands' combined scale (rescaled to the
    /// result's afterwards if the binder chose another), `/` through doubles.
    private static func decimalArithmetic(
        _ op: ArithmeticOperator, _ left: Datum, _ right: Datum, resultType: DataType, count: Int,
        expression: PhysicalExpression
    ) throws -> Datum {
        guard case .decimal(let precision, let scale) = resultType else { preconditionFailure("not a decimal") }
        let workPrecision = precision <= DataType.decimalInt64PrecisionMax ? DataType.decimalInt64PrecisionMax : DataType.decimalPrecisionMax
        switch op {
        case .add, .subtract, .modulo, .integerDivide:
            let operandType = DataType.decimal(precision: workPrecision, scale: scale)
            return try integerArithmetic(op, try cast(left, to: operandType, in: expression), try cast(right, to: operandType, in: expression),
                                         resultType: resultType, count: count, expression: expression,
                                         overflowPossible: decimalOverflowPossible(op, left.type, right.type, result: resultType))
        case .multiply:
            let leftScale = left.type.decimalScale
            let rightScale = right.type.decimalScale
            guard leftScale + rightScale <= DataType.decimalPrecisionMax else {
                throw SluiceError.internal("product scale \(leftScale + rightScale) exceeds \(DataType.decimalPrecisionMax) in \(expression)")
            }
            let castLeft = try cast(left, to: .decimal(precision: workPrecision, scale: leftScale), in: expression)
            let castRight = try cast(right, to: .decimal(precision: workPrecision, scale: rightScale), in: expression)
            if leftScale + rightScale == scale {
                return try integerArithmetic(op, castLeft, castRight, resultType: resultType, count: count, expression: expression,
                                             overflowPossible: decimalOverflowPossible(op, left.type, right.type, result: resultType))
            }
            let productType = DataType.decimal(precision: workPrecision, scale: leftScale + rightScale)
            let product = try integerArithmetic(op, castLeft, castRight, resultType: productType, count: count, expression: expression)
            return try cast(product, to: resultType, in: expression)
        case .divide:
            let quotient = try doubleArithmetic(op, try cast(left, to: .float64, in: expression), try cast(right, to: .float64, in: expression),
                                                count: count, expression: expression)
            return try cast(quotient, to: resultType, in: expression)
        }
    }

    // MARK: - Doubles

    /// Double arithmetic with IEEE 754 results, as DuckDB: no errors, no NULLs.
    private static func doubleArithmetic(
        _ op: ArithmeticOperator, _ left: Datum, _ right: Datum, count: Int, expression: PhysicalExpression
    ) throws -> Datum {
        let (l, r) = (left.doubleOperand(), right.doubleOperand())
        let values: [Double] = switch op {
        case .add: VectorKernels.map(l, r, count: count) { a, b in (a + b, false) }.values
        case .subtract: VectorKernels.map(l, r, count: count) { a, b in (a - b, false) }.values
        case .multiply: VectorKernels.map(l, r, count: count) { a, b in (a * b, false) }.values
        case .divide: VectorKernels.map(l, r, count: count) { a, b in (a / b, false) }.values
        case .integerDivide: VectorKernels.map(l, r, count: count) { a, b in ((a / b).rounded(.towardZero), false) }.values
        case .modulo: VectorKernels.map(l, r, count: count) { a, b in (a.truncatingRemainder(dividingBy: b), false) }.values
        }
        return finish(.float64(values), left, right, resultType: .float64)
    }

    // MARK: - Dates

    /// DATE ± days (either order for `+`).
    private static func dateArithmetic(
        _ op: ArithmeticOperator, _ left: Datum, _ right: Datum, count: Int, expression: PhysicalExpression
    ) throws -> Datum {
        let (date, days) = left.type == .date ? (left, right) : (right, left)
        guard date.type == .date, days.type.isInteger, op == .add || (op == .subtract && left.type == .date) else {
            throw SluiceError.internal("no DATE arithmetic \(left.type) \(op.symbol) \(right.type) in \(expression)")
        }
        let dayCount = try cast(days, to: .int32, in: expression)
        return try integerArithmetic(op, date, dayCount, resultType: .date, count: count, expression: expression)
    }

    /// DATE - DATE: the number of days.
    private static func dateDifference(
        _ left: Datum, _ right: Datum, resultType: DataType, count: Int, expression: PhysicalExpression
    ) throws -> Datum {
        let (values, _) = VectorKernels.map(left.int32Operand(), right.int32Operand(), count: count) { a, b in
            (Int64(a) - Int64(b), false)
        }
        let validity = ValidityBitmap.intersection(left.validity, right.validity)
        let difference = Datum.column(Column.cleaned(type: .int64, values: .int64(values), validity: validity))
        return try cast(difference, to: resultType, in: expression)
    }

    /// "integer overflow in a * 2 (2147483647 * 2 does not fit INT32)".
    static func failure(
        _ message: String, in expression: PhysicalExpression, operands: (Value, String, Value), resultType: DataType
    ) -> SluiceError {
        failure("\(message)", in: expression)
            .appending(" (\(quoted(operands.0)) \(operands.1) \(quoted(operands.2)) does not fit \(resultType))")
    }
}

extension SluiceError {
    /// The same error with `suffix` added to the message.
    func appending(_ suffix: String) -> SluiceError {
        var copy = self
        copy.message += suffix
        return copy
    }
}
