#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// `abs`, `round`, `floor`, `ceil`, `sqrt`, `ln`, `exp`, `power`.
extension ExpressionEvaluator {
    /// `abs(x)` in `x`'s type; the smallest integer has no absolute value (overflow).
    static func absoluteValue(_ value: Datum, count: Int, expression: PhysicalExpression) throws -> Datum {
        let column = value.materialized(count: count)
        let values: ColumnValues
        switch column.values {
        case .int32(let numbers):
            values = .int32(try checkedAbs(numbers, column, expression: expression))
        case .int64(let numbers):
            values = .int64(try checkedAbs(numbers, column, expression: expression))
        case .int128(let numbers):
            values = .int128(try checkedAbs(numbers, column, expression: expression))
        case .float64(let numbers):
            values = .float64(numbers.map { Swift.abs($0) })
        default:
            throw SluiceError.internal("abs of \(column.type) in \(expression)")
        }
        return .column(Column.cleaned(type: column.type, values: values, validity: column.validity))
    }

    private static func checkedAbs<T: FixedWidthInteger & SignedInteger>(_ numbers: [T], _ column: Column, expression: PhysicalExpression) throws -> [T] {
        let (values, anyOverflow) = VectorKernels.map(numbers) { number in (number == T.min ? 0 : Swift.abs(number), number == T.min) }
        if anyOverflow, let row = numbers.indices.first(where: { numbers[$0] == T.min && !column.isNull($0) }) {
            throw failure("integer overflow", in: expression).appending(" (abs(\(column[row])) does not fit \(column.type))")
        }
        return values
    }

    /// `round(x[, digits])`, half away from zero. Decimals round to `digits` places (a literal)
    /// and keep their precision; integers round to tens, hundreds, ... for negative `digits`.
    static func round(
        _ value: Datum, digits: Datum?, digitsExpression: PhysicalExpression?, count: Int, expression: PhysicalExpression
    ) throws -> Datum {
        let places: Int64?
        switch digits {
        case nil: places = 0
        case .scalar(let literal, let type)?:
            guard case .scalar(.int64(let number), _) = try cast(.scalar(literal, type), to: .int64, in: expression) else {
                throw SluiceError.internal("round digits \(literal) is not an integer in \(expression)")
            }
            places = number
        case .column?: places = nil
        }
        if value.type == .float64 || places == nil {
            let numbers = try cast(value, to: .float64, in: expression).materialized(count: count)
            let digitColumn = try cast(digits ?? .scalar(.int64(0), .int64), to: .int64, in: expression).materialized(count: count)
            guard case .float64(let doubles) = numbers.values, case .int64(let digitValues) = digitColumn.values else {
                preconditionFailure("round inputs of unexpected storage")
            }
            let rounded = (0..<count).map { row in roundDouble(doubles[row], places: digitValues[row]) }
            let validity = ValidityBitmap.intersection(numbers.validity, digitColumn.validity)
            return .column(Column.cleaned(type: .float64, values: .float64(rounded), validity: validity))
        }
        let column = value.materialized(count: count)
        guard let (precision, scale) = TypeCoercion.decimalShape(of: column.type), let places else {
            throw SluiceError.internal("round of \(column.type) in \(expression)")
        }
        if places >= scale { return .column(column) }
        let targetScale = max(Int(places), 0)
        // Rounding to `places` digits is dividing by 10^(scale - places) with rounding; for
        // negative places the quotient is scaled back up so the result is a whole number.
        let dropped = min(scale - Int(places), DataType.decimalPrecisionMax + 1)
        let restored = targetScale - Int(places)
        let unscaled = try cast(.column(column), to: .decimal(precision: DataType.decimalPrecisionMax, scale: scale), in: expression)
        guard case .column(let wide) = unscaled, case .int128(let numbers) = wide.values else { preconditionFailure("expected Int128 storage") }
        let divisor = dropped > DataType.decimalPrecisionMax ? Int128.max : DecimalPowers.of(dropped)
        let factor = DecimalPowers.of(min(restored, DataType.decimalPrecisionMax))
        let rounded = numbers.map { number -> Int128 in
            let quotient = RescalePlan<Int128>.divideRoundingHalfAway(number, divisor)
            return quotient.multipliedReportingOverflow(by: factor).partialValue
        }
        let resultType = DataType.decimal(precision: DataType.decimalPrecisionMax, scale: targetScale)
        let result = Column.cleaned(type: resultType, values: .int128(rounded), validity: wide.validity)
        let naturalType = DataType.decimal(precision: min(precision, DataType.decimalPrecisionMax), scale: targetScale)
        return try cast(.column(result), to: column.type.isInteger ? column.type : naturalType, in: expression)
    }

    static func roundDouble(_ value: Double, places: Int64) -> Double {
        if places == 0 { return value.rounded(.toNearestOrAwayFromZero) }
        let clamped = Int(max(min(places, 330), -330))
        if clamped > 0 {
            let factor = pow10Double(clamped)
            let rounded = (value * factor).rounded(.toNearestOrAwayFromZero) / factor
            return rounded.isFinite ? rounded : value
        }
        let factor = pow10Double(-clamped)
        return (value / factor).rounded(.toNearestOrAwayFromZero) * factor
    }

    /// `floor(x)` / `ceil(x)`: integers unchanged, decimals to scale 0, doubles rounded.
    static func floorOrCeiling(_ value: Datum, ceiling: Bool, count: Int, expression: PhysicalExpression) throws -> Datum {
        switch value.type {
        case .int32, .int64:
            return value
        case .float64:
            let column = value.materialized(count: count)
            guard case .float64(let numbers) = column.values else { preconditionFailure("FLOAT64 without doubles") }
            let rule: FloatingPointRoundingRule = ceiling ? .up : .down
            return .column(Column.cleaned(type: .float64, values: .float64(numbers.map { $0.rounded(rule) }), validity: column.validity))
        case .decimal(let precision, let scale):
            let wide = try cast(value, to: .decimal(precision: DataType.decimalPrecisionMax, scale: scale), in: expression).materialized(count: count)
            guard case .int128(let numbers) = wide.values else { preconditionFailure("expected Int128 storage") }
            let divisor = DecimalPowers.of(scale)
            let whole = numbers.map { number -> Int128 in
                let quotient = number / divisor
                let remainder = number % divisor
                if remainder == 0 { return quotient }
                if ceiling { return number > 0 ? quotient + 1 : quotient }
                return number < 0 ? quotient - 1 : quotient
            }
            let result = Column.cleaned(type: .decimal(precision: DataType.decimalPrecisionMax, scale: 0), values: .int128(whole),
                                        validity: wide.validity)
            return try cast(.column(result), to: .decimal(precision: precision, scale: 0), in: expression)
        default:
            throw SluiceError.internal("\(ceiling ? "ceil" : "floor") of \(value.type) in \(expression)")
        }
    }

    /// `sqrt`, `ln`, `exp` on doubles; arguments outside the domain are errors, as in DuckDB.
    static func unaryDouble(_ function: ScalarFunction, _ value: Datum, expression: PhysicalExpression) throws -> Datum {
        guard case .column(let column) = value, case .float64(let numbers) = column.values else {
            preconditionFailure("unaryDouble expects a FLOAT64 column")
        }
        for row in 0..<numbers.count where !column.isNull(row) {
            let number = numbers[row]
            switch function {
            case .sqrt where number < 0:
                throw failure("cannot take the square root of a negative number", in: expression).appending(" (\(number))")
            case .ln where number == 0:
                throw failure("cannot take the logarithm of zero", in: expression)
            case .ln where number < 0:
                throw failure("cannot take the logarithm of a negative number", in: expression).appending(" (\(number))")
            default:
                continue
            }
        }
        let results: [Double] = switch function {
        case .sqrt: numbers.map { $0.squareRoot() }
        case .ln: numbers.map { log($0) }
        default: numbers.map { exp($0) }
        }
        return .column(Column.cleaned(type: .float64, values: .float64(results), validity: column.validity))
    }

    /// `power(x, y)`.
    static func power(_ base: Datum, _ exponent: Datum, count: Int, expression: PhysicalExpression) throws -> Datum {
        let (values, _) = VectorKernels.map(base.doubleOperand(), exponent.doubleOperand(), count: count) { x, y in (pow(x, y), false) }
        let validity = ValidityBitmap.intersection(base.validity, exponent.validity)
        return .column(Column.cleaned(type: .float64, values: .float64(values), validity: validity))
    }
}
