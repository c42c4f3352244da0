import SluiceCore
@testable import SQL

/// A failure the reference evaluator reports (overflow, a value that does not cast, ...).
struct ReferenceFailure: Error {
    let message: String
}

/// A slow evaluator written independently of the vectorized one: one row at a time over boxed
/// `Value`s, exact arithmetic in `Int128`, the SQL rules spelled out directly. The randomized
/// tests check the vectorized evaluator against it.
///
/// It evaluates in the same places the vectorized one must: every operand of AND/OR/NOT in a
/// projection, CASE branches and COALESCE arguments only where reached, and in filters
/// (`isTrue`) conjuncts only after the earlier ones held.
struct ReferenceEvaluator {
    let batch: RecordBatch

    // MARK: - Values

    func value(_ expression: PhysicalExpression, _ row: Int) throws -> Value {
        switch expression {
        case .column(let index, _, _):
            return batch.columns[index][row]
        case .literal(let value, let type):
            return value.isNull ? .null : value.converted(to: type)!
        case .arithmetic(let op, let left, let right, let resultType):
            return try arithmetic(op, left, right, resultType, row)
        case .comparison(let op, let left, let right):
            return boolean(try comparison(op, left, right, row))
        case .and(let operands):
            let truths = try operands.map { try truth($0, row) }
            if truths.contains(false) { return .boolean(false) }
            return truths.contains(nil) ? .null : .boolean(true)
        case .or(let operands):
            let truths = try operands.map { try truth($0, row) }
            if truths.contains(true) { return .boolean(true) }
            return truths.contains(nil) ? .null : .boolean(false)
        case .not(let operand):
            return boolean(try truth(operand, row).map { !$0 })
        case .isNull(let operand, let negated):
            return .boolean(try value(operand, row).isNull != negated)
        case .between(let subject, let low, let high, let negated):
            let lowTruth = try comparison(negated ? .less : .greaterOrEqual, subject, low, row)
            let highTruth = try comparison(negated ? .greater : .lessOrEqual, subject, high, row)
            if negated {
                if lowTruth == true || highTruth == true { return .boolean(true) }
                return lowTruth == nil || highTruth == nil ? .null : .boolean(false)
            }
            if lowTruth == false || highTruth == false { return .boolean(false) }
            return lowTruth == nil || highTruth == nil ? .null : .boolean(true)
        case .inList(let subject, let items, let negated):
            var sawNull = false
            for item in items {
                switch try comparison(.equal, subject, item, row) {
                case true?: return .boolean(!negated)
                case nil: sawNull = true
                case false?: break
                }
            }
            return sawNull ? .null : .boolean(negated)
        case .like(let subject, let pattern, let escape, let negated):
            guard case .string(let text) = try value(subject, row), case .string(let patternText) = try value(pattern, row) else {
                return .null
            }
            return .boolean(try ReferenceEvaluator.like(text, patternText, escape: escape) != negated)
        case .caseWhen(let operand, let branches, let otherwise, let resultType):
            for branch in branches {
                let condition = operand.map { PhysicalExpression.comparison(.equal, $0, branch.when) } ?? branch.when
                if try isTrue(condition, row) {
                    return try cast(try value(branch.then, row), from: branch.then.type, to: resultType)
                }
            }
            guard let otherwise else { return .null }
            return try cast(try value(otherwise, row), from: otherwise.type, to: resultType)
        case .cast(let operand, let type):
            return try cast(try value(operand, row), from: operand.type, to: type)
        case .function(let function, let arguments, let resultType):
            let (result, type) = try call(function, arguments, resultType, row)
            return try cast(result, from: type, to: resultType)
        }
    }

    func truth(_ expression: PhysicalExpression, _ row: Int) throws -> Bool? {
        if case .boolean(let flag) = try value(expression, row) { return flag }
        return nil
    }

    /// Filter semantics: whether the row passes, evaluating conjuncts only while they hold and
    /// disjuncts only until one holds.
    func isTrue(_ expression: PhysicalExpression, _ row: Int) throws -> Bool {
        switch expression {
        case .and(let operands):
            for operand in operands where try !isTrue(operand, row) { return false }
            return true
        case .or(let operands):
            for operand in operands where try isTrue(operand, row) { return true }
            return false
        case .not(let operand):
            if let negated = ReferenceEvaluator.negation(operand) { return try isTrue(negated, row) }
            return try truth(operand, row) == false
        default:
            return try truth(expression, row) == true
        }
    }

    static func negation(_ expression: PhysicalExpression) -> PhysicalExpression? {
        switch expression {
        case .comparison(let op, let left, let right): .comparison(op.negated, left, right)
        case .not(let operand): operand
        case .and(let operands): .or(operands.map { negation($0) ?? .not($0) })
        case .or(let operands): .and(operands.map { negation($0) ?? .not($0) })
        case .isNull(let operand, let negated): .isNull(operand, negated: !negated)
        case .between(let subject, let low, let high, let negated): .between(subject, low: low, high: high, negated: !negated)
        case .inList(let subject, let items, let negated): .inList(subject, items, negated: !negated)
        case .like(let subject, let pattern, let escape, let negated): .like(subject, pattern: pattern, escape: escape, negated: !negated)
        case .literal(.boolean(let flag), let type): .literal(.boolean(!flag), type)
        case .literal(.null, let type): .literal(.null, type)
        default: nil
        }
    }

    private func boolean(_ flag: Bool?) -> Value { flag.map { .boolean($0) } ?? .null }

    // MARK: - Comparisons

    /// Whether an expression yields one value for all rows in the vectorized evaluator.
    static func isConstant(_ expression: PhysicalExpression) -> Bool {
        switch expression {
        case .literal: true
        case .arithmetic(_, let left, let right, _): isConstant(left) && isConstant(right)
        case .cast(let operand, _): isConstant(operand)
        case .function(.coalesce, _, _): false
        case .function(_, let arguments, _): arguments.allSatisfy(isConstant)
        default: false
        }
    }

    func comparison(_ op: ComparisonOperator, _ left: PhysicalExpression, _ right: PhysicalExpression, _ row: Int) throws -> Bool? {
        let order = try compare(try value(left, row), left.type, ReferenceEvaluator.isConstant(left),
                                try value(right, row), right.type, ReferenceEvaluator.isConstant(right))
        guard let order else { return nil }
        switch op {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        }
    }

    /// Orders two values; a constant converted exactly to the other side's type compares in that
    /// type, otherwise both go to the common comparison type.
    func compare(_ left: Value, _ leftType: DataType, _ leftConstant: Bool,
                 _ right: Value, _ rightType: DataType, _ rightConstant: Bool) throws -> Int? {
        if left.isNull || right.isNull { return nil }
        var (a, b, type) = (left, right, leftType)
        if leftType != rightType {
            if rightConstant && !leftConstant, let exact = exactly(right, rightType, leftType) {
                b = exact
            } else if leftConstant && !rightConstant, let exact = exactly(left, leftType, rightType) {
                a = exact
                type = rightType
            } else {
                type = TypeCoercion.comparisonType(leftType, rightType)!
                a = try cast(left, from: leftType, to: type)
                b = try cast(right, from: rightType, to: type)
            }
        }
        return ReferenceEvaluator.order(a, b, type)
    }

    private func exactly(_ value: Value, _ from: DataType, _ to: DataType) -> Value? {
        guard from.isNumeric || from == .date || from == .timestamp, to.isNumeric || to == .date || to == .timestamp,
              let converted = try? cast(value, from: from, to: to), let back = try? cast(converted, from: to, to: from),
              back == value else { return nil }
        return converted
    }

    static func order(_ a: Value, _ b: Value, _ type: DataType) -> Int {
        switch (a, b) {
        case (.boolean(let x), .boolean(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.float64(let x), .float64(let y)):
            if x.isNaN || y.isNaN { return x.isNaN == y.isNaN ? 0 : (x.isNaN ? 1 : -1) }
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.string(let x), .string(let y)): return bytesOrder(Array(x.utf8), Array(y.utf8))
        case (.binary(let x), .binary(let y)): return bytesOrder(x, y)
        default:
            let (x, y) = (exactParts(a).0, exactParts(b).0)
            return x < y ? -1 : (x == y ? 0 : 1)
        }
    }

    private static func bytesOrder(_ x: [UInt8], _ y: [UInt8]) -> Int {
        for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
        return x.count - y.count
    }

    /// Integers, dates, timestamps and decimals as (unscaled, scale).
    static func exactParts(_ value: Value) -> (Int128, Int) {
        switch value {
        case .int32(let v), .date(let v): (Int128(v), 0)
        case .int64(let v), .timestamp(let v): (Int128(v), 0)
        case .decimal(let v, let scale): (v, scale)
        default: preconditionFailure("\(value) is not exact")
        }
    }

    // MARK: - Arithmetic

    private func arithmetic(_ op: ArithmeticOperator, _ left: PhysicalExpression, _ right: PhysicalExpression,
                            _ resultType: DataType, _ row: Int) throws -> Value {
        let leftValue = try value(left, row)
        let rightValue = try value(right, row)
        switch resultType {
        case .int32, .int64:
            if left.type == .date, right.type == .date {
                guard case .date(let x) = leftValue, case .date(let y) = rightValue else { return .null }
                return try cast(.int64(Int64(x) - Int64(y)), from: .int64, to: resultType)
            }
            let a = try cast(leftValue, from: left.type, to: resultType)
            let b = try cast(rightValue, from: right.type, to: resultType)
            if a.isNull || b.isNull { return .null }
            let result = try integerResult(op, ReferenceEvaluator.exactParts(a).0, ReferenceEvaluator.exactParts(b).0)
            return try bounded(result, scale: 0, resultType)
        case .float64:
            let a = try cast(leftValue, from: left.type, to: .float64)
            let b = try cast(rightValue, from: right.type, to: .float64)
            guard case .float64(let x) = a, case .float64(let y) = b else { return .null }
            let result: Double
            // IEEE 754 throughout: infinities and NaN, never an error.
            switch op {
            case .add: result = x + y
            case .subtract: result = x - y
            case .multiply: result = x * y
            case .divide: result = x / y
            case .integerDivide: result = (x / y).rounded(.towardZero)
            case .modulo: result = x.truncatingRemainder(dividingBy: y)
            }
            return .float64(result)
        case .decimal(let precision, let scale):
            let work = precision <= 18 ? 18 : 38
            switch op {
            case .add, .subtract, .modulo, .integerDivide:
                let a = try cast(leftValue, from: left.type, to: .decimal(precision: work, scale: scale))
                let b = try cast(rightValue, from: right.type, to: .decimal(precision: work, scale: scale))
                if a.isNull || b.isNull { return .null }
                let result = try integerResult(op, ReferenceEvaluator.exactParts(a).0, ReferenceEvaluator.exactParts(b).0)
                return try bounded(result, scale: scale, resultType)
            case .multiply:
                let (leftScale, rightScale) = (left.type.decimalScale, right.type.decimalScale)
                let a = try cast(leftValue, from: left.type, to: .decimal(precision: work, scale: leftScale))
                let b = try cast(rightValue, from: right.type, to: .decimal(precision: work, scale: rightScale))
                if a.isNull || b.isNull { return .null }
                let (product, overflow) = ReferenceEvaluator.exactParts(a).0.multipliedReportingOverflow(by: ReferenceEvaluator.exactParts(b).0)
                if overflow { throw ReferenceFailure(message: "product overflow") }
                if leftScale + rightScale == scale { return try bounded(product, scale: scale, resultType) }
                let wide = try bounded(product, scale: leftScale + rightScale, .decimal(precision: work, scale: leftScale + rightScale))
                return try cast(wide, from: .decimal(precision: work, scale: leftScale + rightScale), to: resultType)
            case .divide:
                let quotient = try arithmetic(op, left, right, .float64, row)
                return try cast(quotient, from: .float64, to: resultType)
            }
        case .date:
            let (dateValue, dayValue, dayType) = left.type == .date ? (leftValue, rightValue, right.type) : (rightValue, leftValue, left.type)
            let days = try cast(dayValue, from: dayType, to: .int32)
            guard case .date(let day) = dateValue, case .int32(let added) = days else { return .null }
            let sum = op == .add ? Int64(day) + Int64(added) : Int64(day) - Int64(added)
            guard let narrow = Int32(exactly: sum) else { throw ReferenceFailure(message: "date overflow") }
            return .date(narrow)
        default:
            preconditionFailure("no arithmetic producing \(resultType)")
        }
    }

    /// Exact integer arithmetic; a zero divisor is a failure.
    private func integerResult(_ op: ArithmeticOperator, _ a: Int128, _ b: Int128) throws -> Int128 {
        switch op {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply:
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            if overflow { throw ReferenceFailure(message: "overflow") }
            return product
        case .divide, .integerDivide, .modulo:
            if b == 0 { throw ReferenceFailure(message: "division by zero") }
            return op == .modulo ? a % b : a / b
        }
    }

    /// `unscaled` at `scale` as a value of `type`, or a failure when it does not fit.
    private func bounded(_ unscaled: Int128, scale: Int, _ type: DataType) throws -> Value {
        switch type {
        case .int32:
            guard let value = Int32(exactly: unscaled) else { throw ReferenceFailure(message: "INT32 overflow") }
            return .int32(value)
        case .int64:
            guard let value = Int64(exactly: unscaled) else { throw ReferenceFailure(message: "INT64 overflow") }
            return .int64(value)
        case .decimal(let precision, _):
            guard unscaled.magnitude < Decimal128.powerOfTen(precision).magnitude else { throw ReferenceFailure(message: "decimal overflow") }
            return .decimal(unscaled, scale: scale)
        default:
            preconditionFailure("\(type) is not exact")
        }
    }

    // MARK: - Casts

    func cast(_ value: Value, from source: DataType, to target: DataType) throws -> Value {
        if value.isNull || source == target { return value }
        func fail() -> ReferenceFailure { ReferenceFailure(message: "cannot cast \(value) to \(target)") }
        switch (source, target) {
        case (.string, .binary):
            guard case .string(let text) = value else { break }
            return .binary(Array(text.utf8))
        case (.string, _):
            guard case .string(let raw) = value else { break }
            let text = raw.trimmingASCIIWhitespace()
            switch target {
            case .int32, .int64:
                guard let number = ReferenceEvaluator.roundedInteger(text) else { throw fail() }
                do { return try bounded(number, scale: 0, target) } catch { throw fail() }
            case .float64:
                guard let number = Double(text) else { throw fail() }
                return .float64(number)
            case .date:
                guard let days = CivilTime.parseDate(text) else { throw fail() }
                return .date(days)
            default:
                guard let converted = Value.string(text).converted(to: target) else { throw fail() }
                return converted
            }
        case (_, .string):
            return .string(value.description)
        case (.date, .timestamp):
            guard case .date(let days) = value else { break }
            return .timestamp(Int64(days) * CivilTime.microsPerDay)
        case (.timestamp, .date):
            guard case .timestamp(let micros) = value else { break }
            return .date(Int32((Double(micros) / Double(CivilTime.microsPerDay)).rounded(.down)))
        case (_, .float64):
            switch value {
            case .float64: return value
            case .decimal(let unscaled, let scale): return .float64(Double(unscaled) / ReferenceEvaluator.powerOfTenDouble(scale))
            default: return .float64(Double(ReferenceEvaluator.exactParts(value).0))
            }
        case (.float64, _):
            guard case .float64(let number) = value else { break }
            switch target {
            case .int32, .int64:
                let rounded = number.rounded(.toNearestOrEven)
                let limit = target == .int32 ? 2_147_483_648.0 : 9_223_372_036_854_775_808.0
                guard rounded >= -limit, rounded < limit else { throw fail() }
                return try bounded(Int128(rounded), scale: 0, target)
            case .decimal(let precision, let scale):
                let scaled = (number * ReferenceEvaluator.powerOfTenDouble(scale)).rounded(.toNearestOrAwayFromZero)
                let limit = ReferenceEvaluator.powerOfTenDouble(precision)
                guard scaled > -limit, scaled < limit else { throw fail() }
                return .decimal(Int128(scaled), scale: scale)
            default: break
            }
        default:
            guard source.isNumeric, target.isNumeric else { break }
            let (unscaled, scale) = ReferenceEvaluator.exactParts(value)
            let targetScale = target.decimalScale
            var result = unscaled
            if targetScale > scale {
                let (product, overflow) = unscaled.multipliedReportingOverflow(by: Decimal128.powerOfTen(targetScale - scale))
                if overflow { throw fail() }
                result = product
            } else if targetScale < scale {
                result = ReferenceEvaluator.roundHalfAway(unscaled, droppingDigits: scale - targetScale)
            }
            do { return try bounded(result, scale: targetScale, target) } catch { throw fail() }
        }
        throw ReferenceFailure(message: "no cast from \(source) to \(target)")
    }

    /// Integer text, or plain decimal text (`-2.5`, `1e3`) rounded half away from zero.
    static func roundedInteger(_ text: String) -> Int128? {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        var exponent = 0
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let parsed = Int(body[body.index(after: e)...]), abs(parsed) < 40 else { return nil }
            exponent = parsed
            body = body[..<e]
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              parts.contains(where: { !$0.isEmpty }) else { return nil }
        let digits = parts.joined()
        guard digits.count < 38, var value = Int128(digits.isEmpty ? "0" : digits) else { return nil }
        let shift = exponent - (parts.count == 2 ? parts[1].count : 0)
        if shift >= 0 {
            value *= Decimal128.powerOfTen(shift)
        } else {
            value = roundHalfAway(value, droppingDigits: -shift)
        }
        return negative ? -value : value
    }

    static func roundHalfAway(_ value: Int128, droppingDigits digits: Int) -> Int128 {
        if digits > 38 { return 0 }
        let divisor = Decimal128.powerOfTen(digits)
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        if remainder.magnitude * 2 >= divisor.magnitude { return value < 0 ? quotient - 1 : quotient + 1 }
        return quotient
    }

    static func powerOfTenDouble(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        var scalars = Substring(self)
        while let first = scalars.first, isSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, isSpace(last) { scalars.removeLast() }
        return String(scalars)
    }
}
