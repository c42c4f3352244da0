import SQLParser
import SluiceCore

extension ExpressionBinder {
    func bindUnary(_ op: UnaryOperator, _ operand: Expression, range: SourceRange) throws -> PhysicalExpression {
        let bound = try bind(operand)
        switch op {
        case .not:
            guard bound.type == .boolean || bound.literalValue == .null else {
                throw BindError.make("NOT needs a BOOLEAN, not \(bound.type)", at: range)
            }
            return .not(ExpressionBinder.cast(bound, to: .boolean))
        case .plus:
            return bound
        case .minus:
            guard bound.type.isNumeric else { throw BindError.make("cannot negate \(bound.type)", at: range) }
            switch bound.literalValue {
            case .int32(let value)? where value != .min: return .literal(.int32(-value), .int32)
            case .int64(let value)? where value != .min: return .literal(.int64(-value), .int64)
            case .float64(let value)?: return .literal(.float64(-value), .float64)
            case .decimal(let digits, let scale)?: return .literal(.decimal(-digits, scale: scale), bound.type)
            default:
                let zero = PhysicalExpression.literal(.int32(0), .int32)
                let resultType = TypeCoercion.arithmeticResultType(.subtract, .int32, bound.type) ?? bound.type
                return .arithmetic(.subtract, zero, bound, resultType: resultType)
            }
        }
    }

    func bindBinary(_ op: BinaryOperator, _ leftExpression: Expression, _ rightExpression: Expression,
                    range: SourceRange) throws -> PhysicalExpression {
        // DATE ± INTERVAL: the interval is a literal, bound here rather than as a value.
        if op == .add || op == .subtract, case .literal(.interval(let interval), let intervalRange) = rightExpression {
            return try dateShift(try bind(leftExpression), interval, negate: op == .subtract, range: intervalRange)
        }
        if op == .add, case .literal(.interval(let interval), let intervalRange) = leftExpression {
            return try dateShift(try bind(rightExpression), interval, negate: false, range: intervalRange)
        }
        let left = try bind(leftExpression)
        let right = try bind(rightExpression)
        switch op {
        case .and, .or:
            for operand in [left, right] where operand.type != .boolean && operand.literalValue != .null {
                throw BindError.make("\(op) needs BOOLEAN operands, not \(operand.type)", at: range)
            }
            let operands = [ExpressionBinder.cast(left, to: .boolean), ExpressionBinder.cast(right, to: .boolean)]
            return op == .and ? .and(operands) : .or(operands)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            try requireComparable(left, right, range: range)
            let comparison: ComparisonOperator = switch op {
            case .equal: .equal
            case .notEqual: .notEqual
            case .less: .less
            case .lessOrEqual: .lessOrEqual
            case .greater: .greater
            default: .greaterOrEqual
            }
            return .comparison(comparison, left, right)
        case .isDistinctFrom, .isNotDistinctFrom:
            try requireComparable(left, right, range: range)
            // Not distinct: equal, or both NULL. Never NULL itself.
            let bothNull = PhysicalExpression.and([.isNull(left, negated: false), .isNull(right, negated: false)])
            let equal = PhysicalExpression.function(.coalesce, [.comparison(.equal, left, right), .literal(.boolean(false), .boolean)],
                                                    resultType: .boolean)
            let notDistinct = PhysicalExpression.or([equal, bothNull])
            return op == .isNotDistinctFrom ? notDistinct : .not(notDistinct)
        case .concat:
            return .function(.concatOperator, [ExpressionBinder.cast(left, to: .string), ExpressionBinder.cast(right, to: .string)],
                             resultType: .string)
        case .add, .subtract, .multiply, .divide, .modulo:
            let arithmetic: ArithmeticOperator = switch op {
            case .add: .add
            case .subtract: .subtract
            case .multiply: .multiply
            case .divide: .divide
            default: .modulo
            }
            // A NULL literal takes the other side's type.
            let leftTyped = left.literalValue == .null ? PhysicalExpression.literal(.null, right.type) : left
            let rightTyped = right.literalValue == .null ? PhysicalExpression.literal(.null, left.type) : right
            guard let resultType = TypeCoercion.arithmeticResultType(arithmetic, leftTyped.type, rightTyped.type) else {
                throw BindError.make("no operator \(op) for \(left.type) and \(right.type)", at: range)
            }
            return .arithmetic(arithmetic, leftTyped, rightTyped, resultType: resultType)
        }
    }

    private func requireComparable(_ left: PhysicalExpression, _ right: PhysicalExpression, range: SourceRange) throws {
        if left.literalValue == .null || right.literalValue == .null { return }
        guard TypeCoercion.comparisonType(left.type, right.type) != nil else {
            throw BindError.make("cannot compare \(left.type) with \(right.type)", at: range)
        }
    }

    /// `d ± INTERVAL 'n' unit` as a call of `date_add_days` or `date_add_months`.
    private func dateShift(_ date: PhysicalExpression, _ interval: IntervalLiteral, negate: Bool,
                           range: SourceRange) throws -> PhysicalExpression {
        var amountText = interval.value.trimmed
        var unit = interval.unit
        if unit == nil {
            let words = amountText.split(separator: " ")
            guard words.count == 2, let parsed = DateTimeField(word: words[1].lowercased()) else {
                throw BindError.make("cannot read the interval '\(interval.value)'", at: range)
            }
            amountText = String(words[0])
            unit = parsed
        }
        guard let amount = Int64(amountText) else {
            throw BindError.make("an interval needs a whole number, not '\(amountText)'", at: range)
        }
        let signed = negate ? -amount : amount
        guard date.type == .date || date.type == .timestamp else {
            throw BindError.make("an INTERVAL can only be added to a DATE or TIMESTAMP, not \(date.type)", at: range)
        }
        let function: ScalarFunction
        let count: Int64
        switch unit! {
        case .day: (function, count) = (.dateAddDays, signed)
        case .week: (function, count) = (.dateAddDays, signed * 7)
        case .month: (function, count) = (.dateAddMonths, signed)
        case .quarter: (function, count) = (.dateAddMonths, signed * 3)
        case .year: (function, count) = (.dateAddMonths, signed * 12)
        default:
            throw BindError.make("INTERVAL ... \(unit!) is not supported (use DAY, WEEK, MONTH, QUARTER or YEAR)", at: range)
        }
        return .function(function, [date, .literal(.int64(count), .int64)], resultType: date.type)
    }

    func bindCase(_ caseExpression: CaseExpression) throws -> PhysicalExpression {
        let operand = try caseExpression.operand.map { try bind($0) }
        var conditions: [PhysicalExpression] = []
        var results: [PhysicalExpression] = []
        for branch in caseExpression.branches {
            let condition = try bind(branch.condition)
            if let operand {
                try requireComparable(operand, condition, range: branch.condition.range)
            } else if condition.type != .boolean, condition.literalValue != .null {
                throw BindError.make("CASE WHEN condition must be BOOLEAN, not \(condition.type)", at: branch.condition.range)
            }
            conditions.append(operand == nil ? ExpressionBinder.cast(condition, to: .boolean) : condition)
            results.append(try bind(branch.result))
        }
        let otherwise = try caseExpression.elseResult.map { try bind($0) }
        let resultTypes = (results + (otherwise.map { [$0] } ?? [])).filter { $0.literalValue != .null }.map(\.type)
        guard let resultType = resultTypes.isEmpty ? .int32 : TypeCoercion.commonSupertype(resultTypes) else {
            throw BindError.make("CASE results have no common type (\(resultTypes))", at: caseExpression.range)
        }
        let branches = zip(conditions, results).map { CaseBranch(when: $0, then: ExpressionBinder.cast($1, to: resultType)) }
        return .caseWhen(operand: operand, branches: branches, otherwise: otherwise.map { ExpressionBinder.cast($0, to: resultType) },
                         resultType: resultType)
    }
}
