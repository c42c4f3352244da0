import SluiceCore

/// `CAST` between every pair of types that converts, and the implicit conversions operators
/// make. Rounding follows DuckDB: decimals and doubles become decimals rounding half away from
/// zero, decimals become integers the same way, doubles become integers rounding half to
/// even (as PostgreSQL and DuckDB do).
extension ExpressionEvaluator {
    /// `datum` as `type`.
    /// - Throws: `SluiceError` (data) naming `expression` for the first value that does not
    ///   convert; (user input) for a pair of types that never converts.
    static func cast(_ datum: Datum, to type: DataType, in expression: PhysicalExpression) throws -> Datum {
        if datum.type == type { return datum }
        switch datum {
        case .scalar(let value, let sourceType):
            if value.isNull { return .scalar(.null, type) }
            if let widened = widenedScalar(value, to: type) { return .scalar(widened, type) }
            let converted = try castColumn(Column.constant(value, type: sourceType, count: 1), to: type, in: expression)
            return .scalar(converted[0], type)
        case .column(let column):
            return .column(try castColumn(column, to: type, in: expression))
        }
    }

    /// A literal integer or decimal moved to a type that holds it without rounding, computed
    /// directly (literals are cast once per batch); nil sends the value down the column path,
    /// which also reports failures.
    private static func widenedScalar(_ value: Value, to target: DataType) -> Value? {
        let unscaled: Int128
        let scale: Int
        switch value {
        case .int32(let number): (unscaled, scale) = (Int128(number), 0)
        case .int64(let number): (unscaled, scale) = (Int128(number), 0)
        case .decimal(let number, let numberScale): (unscaled, scale) = (number, numberScale)
        default: return nil
        }
        let targetScale = target.decimalScale
        guard targetScale >= scale else { return nil }
        let (scaled, overflow) = unscaled.multipliedReportingOverflow(by: DecimalPowers.of(targetScale - scale))
        guard !overflow else { return nil }
        switch target {
        case .int32: return Int32(exactly: scaled).map { .int32($0) }
        case .int64: return Int64(exactly: scaled).map { .int64($0) }
        case .decimal(let precision, _): return scaled.magnitude < DecimalPowers.of(precision).magnitude ? .decimal(scaled, scale: targetScale) : nil
        default: return nil
        }
    }

    /// Whether casting every value of `source` to `target` always succeeds (a widening), so a
    /// filter may cast a whole column even at rows it does not select.
    static func castAlwaysSucceeds(from source: DataType, to target: DataType) -> Bool {
        if source == target { return true }
        switch (source, target) {
        case (.int32, .int64), (.int32, .float64), (.int64, .float64), (.decimal, .float64),
             (.string, .binary), (.binary, .string), (.timestamp, .date):
            return true
        case (.int32, .decimal), (.int64, .decimal), (.decimal, .decimal):
            let (sourcePrecision, sourceScale) = TypeCoercion.decimalShape(of: source)!
            let (targetPrecision, targetScale) = TypeCoercion.decimalShape(of: target)!
            return targetScale >= sourceScale && targetPrecision - targetScale >= sourcePrecision - sourceScale
        default:
            return false
        }
    }

    static func castColumn(_ column: Column, to target: DataType, in expression: PhysicalExpression) throws -> Column {
        let source = column.type
        if source == target { return column }
        switch (source, target) {
        case (.string, .binary), (.binary, .string):
            return Column(type: target, values: column.values, validity: column.validity)
        case (.string, _):
            return try castFromString(column, to: target, in: expression)
        case (_, .string):
            return castToString(column)
        case (.date, .timestamp):
            guard case .int32(let days) = column.values else { break }
            return try checkedMap(column, days, to: target, in: expression) { day in
                let (micros, overflow) = Int64(day).multipliedReportingOverflow(by: CivilTime.microsPerDay)
                return (micros, overflow)
            } wrap: { .int64($0) }
        case (.timestamp, .date):
            guard case .int64(let micros) = column.values else { break }
            let days = micros.map { Int32(truncatingIfNeeded: floorDivide($0, CivilTime.microsPerDay)) }
            return Column.cleaned(type: .date, values: .int32(days), validity: column.validity)
        case (.boolean, _) where target.isNumeric, (_, .boolean) where source.isNumeric:
            return try castBooleanAndNumber(column, to: target, in: expression)
        case (_, .float64) where source.isNumeric:
            return Column.cleaned(type: .float64, values: .float64(doubles(of: column)), validity: column.validity)
        case (.float64, _) where target.isNumeric:
            return try castFromDouble(column, to: target, in: expression)
        case (_, _) where source.isNumeric && target.isNumeric:
            return try rescale(column, to: target, in: expression)
        default:
            break
        }
        throw SluiceError.userInput("cannot cast \(source) to \(target) in \(expression)")
    }

    /// `values` converted one by one; the first valid row whose conversion fails is an error.
    @inline(__always)
    static func checkedMap<Source, Target>(
        _ column: Column, _ values: [Source], to target: DataType, in expression: PhysicalExpression,
        _ convert: (Source) -> (Target, Bool), wrap: ([Target]) -> ColumnValues
    ) throws -> Column {
        let (converted, anyFailed) = VectorKernels.map(values, convert)
        if anyFailed {
            for row in 0..<values.count where !column.isNull(row) && convert(values[row]).1 {
                throw failure("cannot cast \(quoted(column[row])) to \(target)", in: expression)
            }
        }
        return Column.cleaned(type: target, values: wrap(converted), validity: column.validity)
    }

    // MARK: - Numbers

    /// Any number as doubles (decimals divided by 10^scale, as DuckDB does).
    static func doubles(of column: Column) -> [Double] {
        let divisor = pow10Double(column.type.decimalScale)
        switch column.values {
        case .int32(let values): return values.map { Double($0) }
        case .int64(let values): return divisor == 1 ? values.map { Double($0) } : values.map { Double($0) / divisor }
        case .int128(let values): return values.map { Double($0) / divisor }
        case .float64(let values): return values
        default: preconditionFailure("\(column.type) is not a number")
        }
    }

    /// Integers and decimals to integers and decimals: scale up exactly, scale down rounding
    /// half away from zero, then check the target's range.
    static func rescale(_ column: Column, to target: DataType, in expression: PhysicalExpression) throws -> Column {
        let sourceScale = column.type.decimalScale
        let targetScale = target.decimalScale
        if case .decimal = target, case .decimal = column.type, sourceScale == targetScale,
           column.type.storage == target.storage, castAlwaysSucceeds(from: column.type, to: target) {
            // Same scale and storage, wider precision: only the label changes.
            return Column(type: target, values: column.values, validity: column.validity)
        }
        let wide = column.type.storage == .int128 || target.storage == .int128
        if wide {
            let (lower, upper) = bounds(of: target, as: Int128.self)
            let plan = RescalePlan<Int128>(from: sourceScale, to: targetScale, lower: lower, upper: upper)
            return try rescale(column, plan, to: target, in: expression)
        }
        let (lower, upper) = bounds(of: target, as: Int64.self)
        let plan = RescalePlan<Int64>(from: sourceScale, to: targetScale, lower: lower, upper: upper)
        return try rescale(column, plan, to: target, in: expression)
    }

    private static func rescale<Work: FixedWidthInteger & SignedInteger>(
        _ column: Column, _ plan: RescalePlan<Work>, to target: DataType, in expression: PhysicalExpression
    ) throws -> Column {
        let wrap: ([Work]) -> ColumnValues = { values in
            switch target.storage {
            case .int32: .int32(values.map { Int32(truncatingIfNeeded: $0) })
            // Same element type: reinterpret instead of copying.
            case .int64: Work.self == Int64.self ? .int64(unsafeBitCast(values, to: [Int64].self)) : .int64(values.map { Int64(truncatingIfNeeded: $0) })
            default: Work.self == Int128.self ? .int128(unsafeBitCast(values, to: [Int128].self)) : .int128(values.map { Int128(truncatingIfNeeded: $0) })
            }
        }
        switch column.values {
        case .int32(let values):
            return try checkedMap(column, values, to: target, in: expression, { plan.apply(Work(truncatingIfNeeded: $0)) }, wrap: wrap)
        case .int64(let values):
            return try checkedMap(column, values, to: target, in: expression, { plan.apply(Work(truncatingIfNeeded: $0)) }, wrap: wrap)
        case .int128(let values):
            return try checkedMap(column, values, to: target, in: expression, { value in
                guard let narrowed = Work(exactly: value) else { return (0, true) }
                return plan.apply(narrowed)
            }, wrap: wrap)
        default:
            preconditionFailure("\(column.type) is not an integer or decimal")
        }
    }

    /// The smallest and largest value of an integer type, or ±(10^precision - 1) for a decimal,
    /// clamped to what `Work` holds.
    static func bounds<Work: FixedWidthInteger & SignedInteger>(of type: DataType, as _: Work.Type) -> (Work, Work) {
        switch type {
        case .int32: return (Work(Int32.min), Work(Int32.max))
        case .int64: return (Work(clamping: Int64.min), Work(clamping: Int64.max))
        case .decimal(let precision, _):
            let limit = DecimalPowers.of(precision) - 1
            return (Work(clamping: -limit), Work(clamping: limit))
        default: preconditionFailure("\(type) has no integer bounds")
        }
    }

    /// Doubles to integers (half to even) or decimals (half away from zero); NaN, infinities and
    /// values out of range fail.
    private static func castFromDouble(_ column: Column, to target: DataType, in expression: PhysicalExpression) throws -> Column {
        guard case .float64(let values) = column.values else { preconditionFailure("FLOAT64 column without doubles") }
        switch target {
        case .int32:
            return try checkedMap(column, values, to: target, in: expression, { value in
                let rounded = value.rounded(.toNearestOrEven)
                guard rounded >= -2_147_483_648.0, rounded < 2_147_483_648.0 else { return (0, true) }
                return (Int32(rounded), false)
            }, wrap: { .int32($0) })
        case .int64:
            return try checkedMap(column, values, to: target, in: expression, { value in
                let rounded = value.rounded(.toNearestOrEven)
                guard rounded >= -9_223_372_036_854_775_808.0, rounded < 9_223_372_036_854_775_808.0 else { return (0, true) }
                return (Int64(rounded), false)
            }, wrap: { .int64($0) })
        case .decimal(let precision, let scale):
            let factor = pow10Double(scale)
            let limit = pow10Double(precision)
            if target.storage == .int64 {
                return try checkedMap(column, values, to: target, in: expression, { value in
                    let scaled = (value * factor).rounded(.toNearestOrAwayFromZero)
                    guard scaled > -limit, scaled < limit else { return (0, true) }
                    return (Int64(scaled), false)
                }, wrap: { .int64($0) })
            }
            return try checkedMap(column, values, to: target, in: expression, { value in
                let scaled = (value * factor).rounded(.toNearestOrAwayFromZero)
                guard scaled > -limit, scaled < limit else { return (0, true) }
                return (Int128(scaled), false)
            }, wrap: { .int128($0) })
        default:
            preconditionFailure("\(target) is not a number")
        }
    }

    /// BOOLEAN to numbers (1 and 0) and numbers to BOOLEAN (non-zero is TRUE).
    private static func castBooleanAndNumber(_ column: Column, to target: DataType, in expression: PhysicalExpression) throws -> Column {
        if case .boolean(let flags) = column.values {
            let ones = Column(type: .int32, values: .int32(flags.map { $0 ? 1 : 0 }), validity: column.validity)
            return try castColumn(ones, to: target, in: expression)
        }
        let flags: [Bool]
        switch column.values {
        case .int32(let values): flags = values.map { $0 != 0 }
        case .int64(let values): flags = values.map { $0 != 0 }
        case .int128(let values): flags = values.map { $0 != 0 }
        case .float64(let values): flags = values.map { $0 != 0 }
        default: preconditionFailure("\(column.type) is not a number")
        }
        return Column.cleaned(type: .boolean, values: .boolean(flags), validity: column.validity)
    }

    // MARK: - Text

    /// Every value in its text form (`Value.description`: ISO dates, decimals with all their
    /// digits, `true`/`false`); binary values keep their bytes.
    static func castToString(_ column: Column) -> Column {
        var buffer = BinaryBuffer()
        buffer.reserve(values: column.count, bytes: column.count * 8)
        for row in 0..<column.count {
            switch column[row] {
            case .null: buffer.appendEmpty()
            case .binary(let bytes): buffer.append(bytes: bytes)
            case let value: buffer.append(value.description)
            }
        }
        return Column(type: .string, values: .bytes(buffer), validity: column.validity)
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && value < 0) ? quotient - 1 : quotient
    }

    static func pow10Double(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(exponent, 0) { result *= 10 }
        return result
    }
}

/// How to move integers from one decimal scale to another: multiply by 10^k going up (exact,
/// or overflow), divide by 10^k going down (rounding half away from zero), then check bounds.
struct RescalePlan<Work: FixedWidthInteger & SignedInteger> {
    let factor: Work
    let divisor: Work
    let lower: Work
    let upper: Work

    init(from sourceScale: Int, to targetScale: Int, lower: Work, upper: Work) {
        // A factor past `Work`'s range clamps, and then every non-zero value overflows, as it should.
        factor = targetScale > sourceScale ? Work(clamping: DecimalPowers.of(targetScale - sourceScale)) : 1
        divisor = sourceScale > targetScale ? Work(clamping: DecimalPowers.of(sourceScale - targetScale)) : 1
        self.lower = lower
        self.upper = upper
    }

    /// The rescaled value and whether it overflowed or left the bounds.
    @inline(__always)
    func apply(_ value: Work) -> (Work, Bool) {
        var result = value
        var failed = false
        if factor != 1 {
            (result, failed) = value.multipliedReportingOverflow(by: factor)
        } else if divisor != 1 {
            result = RescalePlan.divideRoundingHalfAway(value, divisor)
        }
        failed = failed || result < lower || result > upper
        return (result, failed)
    }

    /// `value / divisor` rounded half away from zero (`divisor` positive).
    @inline(__always)
    static func divideRoundingHalfAway(_ value: Work, _ divisor: Work) -> Work {
        let quotient = value / divisor
        let remainder = value % divisor
        let roundsAway = remainder.magnitude * 2 >= divisor.magnitude
        if !roundsAway { return quotient }
        return value < 0 ? quotient - 1 : quotient + 1
    }
}
