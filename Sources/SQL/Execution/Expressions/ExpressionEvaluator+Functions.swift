import SluiceCore

/// Calls of built-in functions: arity checks, NULL propagation and all-literal folding, then
/// the function's kernel.
extension ExpressionEvaluator {
    static func call(
        _ function: ScalarFunction, _ arguments: [PhysicalExpression], _ input: EvaluationInput, expression: PhysicalExpression
    ) throws -> Datum {
        try checkArity(function, arguments.count, expression: expression)
        switch function {
        case .coalesce:
            return try coalesce(arguments, input, resultType: expression.type, expression: expression)
        case .mod:
            return try arithmetic(.modulo, try evaluate(arguments[0], input), try evaluate(arguments[1], input),
                                  resultType: expression.type, count: input.rowCount, expression: expression)
        case .concat:
            // NULLs count as empty here, so they do not make the row NULL.
            return try concat(try arguments.map { try evaluate($0, input) }, skippingNulls: true, count: input.rowCount, expression: expression)
        default:
            break
        }
        let datums = try arguments.map { try evaluate($0, input) }
        // Every other function is NULL when an argument is; nullif(a, NULL) is `a`.
        if function == .nullIf ? datums[0].isNullScalar : datums.contains(where: \.isNullScalar) {
            return .scalar(.null, expression.type)
        }
        if datums.allSatisfy({ if case .scalar = $0 { true } else { false } }) {
            // All literals: compute one row and keep it as a literal.
            let single = try callKernel(function, datums.map { .column($0.materialized(count: 1)) }, arguments, count: 1, expression: expression)
            return .scalar(single.value(at: 0), single.type)
        }
        return try callKernel(function, datums, arguments, count: input.rowCount, expression: expression)
    }

    private static func callKernel(
        _ function: ScalarFunction, _ datums: [Datum], _ arguments: [PhysicalExpression], count: Int,
        expression: PhysicalExpression
    ) throws -> Datum {
        switch function {
        case .nullIf:
            return try nullIf(datums[0], datums[1], count: count, expression: expression)
        case .lower, .upper:
            return try changeCase(try cast(datums[0], to: .string, in: expression), upper: function == .upper, count: count)
        case .length:
            return characterLengths(try cast(datums[0], to: .string, in: expression), count: count)
        case .trim, .leftTrim, .rightTrim:
            let characters = datums.count > 1 ? try cast(datums[1], to: .string, in: expression) : .scalar(.string(" "), .string)
            return trim(try cast(datums[0], to: .string, in: expression), characters: characters,
                        leading: function != .rightTrim, trailing: function != .leftTrim, count: count)
        case .concatOperator:
            return try concat(datums, skippingNulls: false, count: count, expression: expression)
        case .substring:
            let start = try cast(datums[1], to: .int64, in: expression)
            let length = datums.count > 2 ? try cast(datums[2], to: .int64, in: expression) : nil
            return substring(try cast(datums[0], to: .string, in: expression), start: start, length: length, count: count)
        case .extract(let part):
            return try extract(part, datums[0], count: count, expression: expression)
        case .dateAddDays:
            return try addDays(datums[0], try cast(datums[1], to: .int64, in: expression), count: count, expression: expression)
        case .dateAddMonths:
            return try addMonths(datums[0], try cast(datums[1], to: .int64, in: expression), count: count, expression: expression)
        case .abs:
            return try absoluteValue(datums[0], count: count, expression: expression)
        case .round:
            return try round(datums[0], digits: datums.count > 1 ? datums[1] : nil, digitsExpression: arguments.count > 1 ? arguments[1] : nil,
                             count: count, expression: expression)
        case .floor, .ceil:
            return try floorOrCeiling(datums[0], ceiling: function == .ceil, count: count, expression: expression)
        case .sqrt, .ln, .exp:
            return try unaryDouble(function, try cast(datums[0], to: .float64, in: expression), expression: expression)
        case .power:
            return try power(try cast(datums[0], to: .float64, in: expression), try cast(datums[1], to: .float64, in: expression),
                             count: count, expression: expression)
        case .coalesce, .mod, .concat:
            preconditionFailure("handled before the kernels")
        }
    }

    private static func checkArity(_ function: ScalarFunction, _ count: Int, expression: PhysicalExpression) throws {
        let allowed: ClosedRange<Int> = switch function {
        case .coalesce, .concat, .concatOperator: 1...Int.max
        case .nullIf, .dateAddDays, .dateAddMonths, .power, .mod: 2...2
        case .trim, .leftTrim, .rightTrim, .round: 1...2
        case .substring: 2...3
        case .lower, .upper, .length, .extract, .abs, .floor, .ceil, .sqrt, .ln, .exp: 1...1
        }
        guard allowed.contains(count) else {
            throw SluiceError.internal("\(function.name) takes \(allowed.lowerBound)...\(allowed.upperBound) arguments, got \(count) in \(expression)")
        }
    }

    /// `nullif(a, b)`: `a`, NULL where `a = b` is TRUE.
    private static func nullIf(_ value: Datum, _ other: Datum, count: Int, expression: PhysicalExpression) throws -> Datum {
        guard case .booleans(let equal) = try compare(.equal, value, other, count: count, target: .booleans, expression: expression),
              case .boolean(let flags) = equal.values else { preconditionFailure("expected booleans") }
        let column = value.materialized(count: count)
        let keep = ValidityBitmap.from(count: count) { !(flags[$0] && !equal.isNull($0)) }
        let validity = ValidityBitmap.intersection(column.validity, keep)
        return .column(Column.cleaned(type: column.type, values: column.values, validity: validity))
    }
}
