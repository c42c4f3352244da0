import SluiceCore

/// `x [NOT] IN (list)`. A list of literals runs as one pass over `x` (a small list is scanned,
/// a long list of integers is hashed); other lists are an OR of equalities.
extension ExpressionEvaluator {
    static func inList(
        _ value: PhysicalExpression, _ list: [PhysicalExpression], negated: Bool, _ input: EvaluationInput,
        target: PredicateTarget, expression: PhysicalExpression
    ) throws -> PredicateResult {
        let count = input.rowCount
        let valueDatum = try evaluate(value, input)
        if valueDatum.isNullScalar { return VectorKernels.constantPredicate(nil, count: count, target: target) }
        if case .column(let column) = valueDatum, list.allSatisfy({ $0.literalValue != nil }) {
            return try literalList(column, list, negated: negated, target: target, expression: expression)
        }
        var result = Datum.scalar(.boolean(false), .boolean)
        for item in list {
            let equal = try compare(.equal, valueDatum, try evaluate(item, input), count: count, target: .booleans, expression: expression)
            result = or3VL(result, booleanDatum(equal), count: count)
        }
        if negated { result = not3VL(result, count: count) }
        return booleanPredicate(result, count: count, target: target)
    }

    /// One pass over the column for a list of literals.
    private static func literalList(
        _ column: Column, _ list: [PhysicalExpression], negated: Bool, target: PredicateTarget,
        expression: PhysicalExpression
    ) throws -> PredicateResult {
        var items: [Value] = []
        var listHasNull = false
        for item in list {
            guard case .literal(let raw, let type) = item else { continue }
            let value = try normalizedLiteral(raw, type: type)
            if value.isNull {
                listHasNull = true
            } else if type == column.type {
                items.append(value)
            } else if let converted = try listItem(value, type: type, as: column.type, in: expression) {
                items.append(converted)
            }
        }
        let output = InListOutput(column: column, negated: negated, listHasNull: listHasNull, target: target)
        switch column.values {
        case .boolean(let values):
            let wanted = Set(items.compactMap { if case .boolean(let flag) = $0 { flag } else { nil } })
            return output.finish(ClosureRowTest { wanted.contains(values[$0]) })
        case .int32(let values):
            let wanted = items.compactMap { item -> Int32? in
                switch item { case .int32(let v), .date(let v): v; default: nil }
            }
            return integerMembership(values, wanted, output)
        case .int64(let values):
            let wanted = items.compactMap { item -> Int64? in
                switch item { case .int64(let v), .timestamp(let v): v; case .decimal(let v, _): Int64(v); default: nil }
            }
            return integerMembership(values, wanted, output)
        case .int128(let values):
            let wanted = items.compactMap { if case .decimal(let v, _) = $0 { v } else { nil } }
            return integerMembership(values, wanted, output)
        case .float64(let values):
            let wanted = items.compactMap { if case .float64(let v) = $0 { v } else { nil } }
            return output.finish(ClosureRowTest { row in
                let value = values[row]
                return wanted.contains { DoubleOrder.equal($0, value) }
            })
        case .bytes(let buffer):
            let wanted = items.compactMap { item -> [UInt8]? in
                switch item { case .string(let text): Array(text.utf8); case .binary(let bytes): bytes; default: nil }
            }
            return buffer.withPointers { bytes, offsets in
                output.finish(BytesMembership(bytes: bytes, offsets: offsets, wanted: wanted))
            }
        }
    }

    /// A literal of another type as a value of the column's type; nil when no value of that
    /// type can equal it (say 1.5 against an INT32 column).
    private static func listItem(_ value: Value, type: DataType, as columnType: DataType, in expression: PhysicalExpression) throws -> Value? {
        if let exact = exactConversion(value, from: type, to: columnType, in: expression) { return exact }
        if type.isNumeric && columnType.isNumeric { return nil }
        guard case .scalar(let converted, _) = try cast(.scalar(value, type), to: columnType, in: expression) else { return nil }
        return converted
    }

    private static func integerMembership<T: FixedWidthInteger>(_ values: [T], _ wanted: [T], _ output: InListOutput) -> PredicateResult {
        values.withUnsafeBufferPointer { values in
            if wanted.count > 8 { return output.finish(HashedMembership(values: values.baseAddress!, wanted: Set(wanted))) }
            return wanted.withUnsafeBufferPointer { wanted in
                output.finish(ListedMembership(values: values.baseAddress!, wanted: wanted))
            }
        }
    }
}

/// Turns "the row's value is in the list" into the IN predicate's result. Without a match a row
/// is FALSE, or NULL when the list holds a NULL; NOT IN flips TRUE and FALSE only, so with a
/// NULL in the list NOT IN is never TRUE.
struct InListOutput {
    let column: Column
    let negated: Bool
    let listHasNull: Bool
    let target: PredicateTarget

    func finish<Test: RowTest>(_ matches: Test) -> PredicateResult {
        let count = column.count
        let result = FlippedRowTest(base: matches, flipped: negated)
        switch target {
        case .selection(let within):
            if negated && listHasNull { return .selection([]) }
            return .selection(VectorKernels.select(count: count, within: within, validity: column.validity, result))
        case .booleans:
            let values = VectorKernels.booleans(count: count, result)
            var validity = column.validity
            if listHasNull { validity = ValidityBitmap.intersection(validity, ValidityBitmap.from(count: count) { matches($0) }) }
            return .booleans(Column.cleaned(type: .boolean, values: .boolean(values), validity: validity))
        }
    }
}

/// Membership in a short list: a scan, cheaper than hashing for a handful of items.
struct ListedMembership<T: Equatable>: RowTest {
    let values: UnsafePointer<T>
    let wanted: UnsafeBufferPointer<T>

    @inline(__always)
    func callAsFunction(_ row: Int) -> Bool {
        let value = values[row]
        for candidate in wanted where candidate == value { return true }
        return false
    }
}

struct HashedMembership<T: Hashable>: RowTest {
    let values: UnsafePointer<T>
    let wanted: Set<T>

    @inline(__always)
    func callAsFunction(_ row: Int) -> Bool { wanted.contains(values[row]) }
}

/// Membership of strings, comparing lengths before bytes.
struct BytesMembership: RowTest {
    let bytes: UnsafePointer<UInt8>?
    let offsets: UnsafePointer<Int64>
    let wanted: [[UInt8]]

    @inline(__always)
    func callAsFunction(_ row: Int) -> Bool {
        let start = Int(offsets[row])
        let value = ByteString(start: bytes.map { $0 + start }, count: Int(offsets[row + 1]) - start)
        for candidate in wanted where candidate.count == value.count {
            if candidate.withUnsafeBufferPointer({ ByteOrder.equal(value, ByteString(start: $0.baseAddress, count: $0.count)) }) { return true }
        }
        return false
    }
}
