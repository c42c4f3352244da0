import SluiceCore

/// BOOLEAN expressions, evaluated either to a column or straight to a selection vector.
///
/// For filters, `AND` narrows the selection conjunct by conjunct (later conjuncts see only the
/// rows earlier ones kept), `OR` tries each disjunct on the rows not yet accepted, and `NOT` is
/// pushed into its operand. A predicate that could fail or is costly, asked about a subset of
/// the rows, is evaluated on those rows gathered, never on rows already filtered out.
extension ExpressionEvaluator {
    static func select(_ predicate: PhysicalExpression, _ input: EvaluationInput, within: [Int32]?) throws -> [Int32] {
        guard case .selection(let rows) = try self.predicate(predicate, input, target: .selection(within: within)) else {
            throw SluiceError.internal("predicate kernel returned booleans for a filter")
        }
        return rows
    }

    static func predicate(_ expression: PhysicalExpression, _ input: EvaluationInput, target: PredicateTarget) throws -> PredicateResult {
        try checkBooleanOperands(expression)
        if input.rowCount == 0 { return VectorKernels.constantPredicate(nil, count: 0, target: target) }
        if case .selection(let within?) = target, within.count < input.rowCount, !isDirectlySelectable(expression) {
            let gathered = input.gathered(at: within, for: expression)
            let positions = try select(expression, gathered, within: nil)
            return .selection(positions.map { within[Int($0)] })
        }
        let count = input.rowCount
        switch expression {
        case .comparison(let op, let left, let right):
            return try compare(op, try evaluate(left, input), try evaluate(right, input), count: count, target: target,
                               expression: expression)
        case .and(let operands):
            return try conjunction(operands, input, target: target)
        case .or(let operands):
            return try disjunction(operands, input, target: target)
        case .not(let operand):
            if case .selection = target, let negated = negation(of: operand) {
                return try predicate(negated, input, target: target)
            }
            let operandResult = try evaluate(operand, input)
            return booleanPredicate(not3VL(operandResult, count: count), count: count, target: target)
        case .isNull(let operand, let negated):
            return isNull(try evaluate(operand, input), negated: negated, count: count, target: target)
        case .between(let value, let low, let high, let negated):
            return try between(try evaluate(value, input), low: try evaluate(low, input), high: try evaluate(high, input),
                               negated: negated, count: count, target: target, expression: expression)
        case .inList(let value, let list, let negated):
            return try inList(value, list, negated: negated, input, target: target, expression: expression)
        case .like(let value, let pattern, let escape, let negated):
            return try like(try evaluate(value, input), pattern: try evaluate(pattern, input), escape: escape,
                            negated: negated, count: count, target: target, expression: expression)
        default:
            return booleanPredicate(try evaluate(expression, input), count: count, target: target)
        }
    }

    /// Logic over non-BOOLEAN operands is a binder bug; catching it here keeps kernels total.
    private static func checkBooleanOperands(_ expression: PhysicalExpression) throws {
        let operands: [PhysicalExpression] = switch expression {
        case .and(let operands), .or(let operands): operands
        case .not(let operand): [operand]
        default: [expression]
        }
        for operand in operands where operand.type != .boolean {
            throw SluiceError.internal("\(operand) is \(operand.type), not BOOLEAN, in \(expression)")
        }
    }

    /// Whether a filter may run `expression` over whole columns while selecting a subset: it
    /// reads only columns and literals and needs no conversion of a column that could fail.
    private static func isDirectlySelectable(_ expression: PhysicalExpression) -> Bool {
        switch expression {
        case .and, .or, .not, .column, .literal:
            return true
        case .comparison(_, let left, let right):
            return comparableWithoutFailure(left, right)
        case .between(let value, let low, let high, _):
            return comparableWithoutFailure(value, low) && comparableWithoutFailure(value, high)
        case .inList(let value, let list, _):
            return value.isColumnOrLiteral && list.allSatisfy { $0.literalValue != nil }
        case .like(let value, let pattern, _, _):
            return value.isColumnOrLiteral && pattern.literalValue != nil
        case .isNull(let operand, _):
            return operand.isColumnOrLiteral
        default:
            return false
        }
    }

    private static func comparableWithoutFailure(_ left: PhysicalExpression, _ right: PhysicalExpression) -> Bool {
        guard left.isColumnOrLiteral, right.isColumnOrLiteral else { return false }
        guard let common = TypeCoercion.comparisonType(left.type, right.type) else { return false }
        let leftSafe = left.literalValue != nil || castAlwaysSucceeds(from: left.type, to: common)
        let rightSafe = right.literalValue != nil || castAlwaysSucceeds(from: right.type, to: common)
        return leftSafe && rightSafe
    }

    /// The rows (or booleans) where a BOOLEAN datum is TRUE.
    static func booleanPredicate(_ datum: Datum, count: Int, target: PredicateTarget) -> PredicateResult {
        switch datum {
        case .scalar(let value, _):
            if case .boolean(let flag) = value { return VectorKernels.constantPredicate(flag, count: count, target: target) }
            return VectorKernels.constantPredicate(nil, count: count, target: target)
        case .column(let column):
            switch target {
            case .booleans:
                return .booleans(column)
            case .selection(let within):
                guard case .boolean(let flags) = column.values else { preconditionFailure("BOOLEAN column without booleans") }
                return flags.withUnsafeBufferPointer { flags in
                    .selection(VectorKernels.select(count: count, within: within, validity: column.validity, BooleanValues(values: flags.baseAddress!)))
                }
            }
        }
    }

    /// The predicate's result as a BOOLEAN datum.
    static func booleanDatum(_ result: PredicateResult) -> Datum {
        guard case .booleans(let column) = result else { preconditionFailure("expected booleans") }
        return .column(column)
    }

    // MARK: - AND, OR, NOT

    private static func conjunction(_ operands: [PhysicalExpression], _ input: EvaluationInput, target: PredicateTarget) throws -> PredicateResult {
        switch target {
        case .selection(let within):
            var rows = within
            for operand in operands {
                rows = try select(operand, input, within: rows)
                if rows?.isEmpty == true { break }
            }
            return .selection(rows ?? VectorKernels.allRows(input.rowCount))
        case .booleans:
            var result = Datum.scalar(.boolean(true), .boolean)
            for operand in operands {
                result = and3VL(result, try evaluate(operand, input), count: input.rowCount)
            }
            return booleanPredicate(result, count: input.rowCount, target: target)
        }
    }

    private static func disjunction(_ operands: [PhysicalExpression], _ input: EvaluationInput, target: PredicateTarget) throws -> PredicateResult {
        switch target {
        case .selection(let within):
            var remaining = within ?? VectorKernels.allRows(input.rowCount)
            var accepted: [Int32] = []
            for operand in operands where !remaining.isEmpty {
                let matched = try select(operand, input, within: remaining)
                guard !matched.isEmpty else { continue }
                accepted = SelectionVector.union(accepted, matched)
                remaining = SelectionVector.difference(remaining, matched)
            }
            return .selection(accepted)
        case .booleans:
            var result = Datum.scalar(.boolean(false), .boolean)
            for operand in operands {
                result = or3VL(result, try evaluate(operand, input), count: input.rowCount)
            }
            return booleanPredicate(result, count: input.rowCount, target: target)
        }
    }

    /// The expression that is TRUE exactly where `expression` is FALSE (NULL stays NULL), when
    /// one can be written without evaluating anything.
    static func negation(of expression: PhysicalExpression) -> PhysicalExpression? {
        switch expression {
        case .comparison(let op, let left, let right): .comparison(op.negated, left, right)
        case .not(let operand): operand
        case .and(let operands): .or(operands.map { negation(of: $0) ?? .not($0) })
        case .or(let operands): .and(operands.map { negation(of: $0) ?? .not($0) })
        case .isNull(let operand, let negated): .isNull(operand, negated: !negated)
        case .between(let value, let low, let high, let negated): .between(value, low: low, high: high, negated: !negated)
        case .inList(let value, let list, let negated): .inList(value, list, negated: !negated)
        case .like(let value, let pattern, let escape, let negated): .like(value, pattern: pattern, escape: escape, negated: !negated)
        case .literal(.boolean(let flag), let type): .literal(.boolean(!flag), type)
        case .literal(.null, let type): .literal(.null, type)
        default: nil
        }
    }

    /// Three-valued AND: FALSE wins over NULL, NULL over TRUE.
    static func and3VL(_ left: Datum, _ right: Datum, count: Int) -> Datum {
        switch (left, right) {
        case (.scalar(.boolean(false), _), _), (_, .scalar(.boolean(false), _)): return .scalar(.boolean(false), .boolean)
        case (.scalar(.boolean(true), _), let other), (let other, .scalar(.boolean(true), _)): return other
        case (.scalar, .scalar): return .scalar(.null, .boolean)
        default: break
        }
        let (a, b) = (left.materialized(count: count), right.materialized(count: count))
        return .column(combine3VL(a, b, count: count, isAnd: true))
    }

    /// Three-valued OR: TRUE wins over NULL, NULL over FALSE.
    static func or3VL(_ left: Datum, _ right: Datum, count: Int) -> Datum {
        switch (left, right) {
        case (.scalar(.boolean(true), _), _), (_, .scalar(.boolean(true), _)): return .scalar(.boolean(true), .boolean)
        case (.scalar(.boolean(false), _), let other), (let other, .scalar(.boolean(false), _)): return other
        case (.scalar, .scalar): return .scalar(.null, .boolean)
        default: break
        }
        let (a, b) = (left.materialized(count: count), right.materialized(count: count))
        return .column(combine3VL(a, b, count: count, isAnd: false))
    }

    /// AND or OR of two BOOLEAN columns. Null slots hold FALSE, so the value loop needs no
    /// validity; a row is valid when both are, or when one side decides alone (a valid FALSE
    /// for AND, a valid TRUE for OR).
    private static func combine3VL(_ a: Column, _ b: Column, count: Int, isAnd: Bool) -> Column {
        guard case .boolean(let aValues) = a.values, case .boolean(let bValues) = b.values else {
            preconditionFailure("BOOLEAN columns without booleans")
        }
        let values = aValues.withUnsafeBufferPointer { x in
            bValues.withUnsafeBufferPointer { y in
                isAnd ? VectorKernels.booleans(count: count) { x[$0] && y[$0] } : VectorKernels.booleans(count: count) { x[$0] || y[$0] }
            }
        }
        var validity: ValidityBitmap?
        if a.validity != nil || b.validity != nil {
            validity = ValidityBitmap.from(count: count) { row in
                let aValid = !a.isNull(row)
                let bValid = !b.isNull(row)
                let decisive = isAnd ? false : true
                return (aValid && bValid) || (aValid && aValues[row] == decisive) || (bValid && bValues[row] == decisive)
            }
        }
        return Column.cleaned(type: .boolean, values: .boolean(values), validity: validity)
    }

    /// Three-valued NOT.
    static func not3VL(_ datum: Datum, count: Int) -> Datum {
        switch datum {
        case .scalar(.boolean(let flag), _): return .scalar(.boolean(!flag), .boolean)
        case .scalar: return .scalar(.null, .boolean)
        case .column(let column):
            guard case .boolean(let flags) = column.values else { preconditionFailure("BOOLEAN column without booleans") }
            let negated = flags.withUnsafeBufferPointer { flags in VectorKernels.booleans(count: count) { !flags[$0] } }
            return .column(Column.cleaned(type: .boolean, values: .boolean(negated), validity: column.validity))
        }
    }

    // MARK: - IS NULL, BETWEEN

    private static func isNull(_ datum: Datum, negated: Bool, count: Int, target: PredicateTarget) -> PredicateResult {
        switch datum {
        case .scalar(let value, _):
            return VectorKernels.constantPredicate(value.isNull != negated, count: count, target: target)
        case .column(let column):
            guard let validity = column.validity else {
                return VectorKernels.constantPredicate(negated, count: count, target: target)
            }
            return validity.words.withUnsafeBufferPointer { words in
                VectorKernels.predicate(count: count, target: target, validity: nil, NullRows(words: words.baseAddress!, negated: negated))
            }
        }
    }

    /// `value BETWEEN low AND high` as two comparisons of the once-evaluated value.
    private static func between(
        _ value: Datum, low: Datum, high: Datum, negated: Bool, count: Int, target: PredicateTarget,
        expression: PhysicalExpression
    ) throws -> PredicateResult {
        let (lowOp, highOp): (ComparisonOperator, ComparisonOperator) = negated ? (.less, .greater) : (.greaterOrEqual, .lessOrEqual)
        switch target {
        case .selection(let within):
            let aboveLow = try compare(lowOp, value, low, count: count, target: target, expression: expression)
            guard case .selection(let lowRows) = aboveLow else { preconditionFailure("expected a selection") }
            if !negated {
                return try compare(highOp, value, high, count: count, target: .selection(within: lowRows), expression: expression)
            }
            let remaining = SelectionVector.difference(within ?? VectorKernels.allRows(count), lowRows)
            guard case .selection(let highRows) = try compare(highOp, value, high, count: count, target: .selection(within: remaining),
                                                               expression: expression) else { preconditionFailure("expected a selection") }
            return .selection(SelectionVector.union(lowRows, highRows))
        case .booleans:
            let lowResult = booleanDatum(try compare(lowOp, value, low, count: count, target: .booleans, expression: expression))
            let highResult = booleanDatum(try compare(highOp, value, high, count: count, target: .booleans, expression: expression))
            let combined = negated ? or3VL(lowResult, highResult, count: count) : and3VL(lowResult, highResult, count: count)
            return booleanPredicate(combined, count: count, target: target)
        }
    }
}

/// A BOOLEAN column's values as a row test.
struct BooleanValues: RowTest {
    let values: UnsafePointer<Bool>

    @inline(__always)
    func callAsFunction(_ row: Int) -> Bool { values[row] }
}

/// Whether a row is NULL (or, negated, not NULL) by its validity bit.
struct NullRows: RowTest {
    let words: UnsafePointer<UInt64>
    let negated: Bool

    @inline(__always)
    func callAsFunction(_ row: Int) -> Bool { ((words[row >> 6] >> UInt64(row & 63)) & 1 == 0) != negated }
}
