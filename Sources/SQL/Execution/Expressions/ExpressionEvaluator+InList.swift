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
        let count = column.count
        // Without a match a row is FALSE, or NULL when the list holds a NULL; NOT IN flips TRUE
        // and FALSE only, so with a NULL in the list NOT IN is never TRUE.
        func result(_ matches: (Int) -> Bool) -> PredicateResult {
            switch target {
            case .selection(let within):
                if negated && listHasNull { return .selection([]) }
                return .selection(VectorKernels.select(count: count, within: within, validity: column.validity) { matches($0) != negated })
            case .booleans:
                let values = VectorKernels.booleans(count: count) { matches($0) != negated }
                var validity = column.validity
                if listHasNull { validity = ValidityBitmap.intersection(validity, ValidityBitmap.from(count: count) { matches($0) }) }
                return .booleans(Column.cleaned(type: .boolean, values: .boolean(values), validity: validity))
            }
        }
        switch column.values {
        case .boolean(let values):
            let wanted = Set(items.compactMap { if case .boolean(let flag) = $0 { flag } else { nil } })
            return result { wanted.contains(values[$0]) }
        case .int32(let values):
            let wanted = items.compactMap { item -> Int32? in
                switch item { case .int32(let v), .date(let v): v; default: nil }
            }
            return integerMembership(values, wanted, result)
        case .int64(let values):
            let wanted = items.compactMap { item -> Int64? in
                switch item { case .int64(let v), .timestamp(let v): v; case .decimal(let v, _): Int64(v); default: nil }
            }
            return integerMembership(values, wanted, result)
        case .int128(let values):
            let wanted = items.compactMap { if case .decimal(let v, _) = $0 { v } else { nil } }
            return integerMembership(values, wanted, result)
        case .float64(let values):
            let wanted = items.compactMap { if case .float64(let v) = $0 { v } else { nil } }
            return result { row in
                let value = values[row]
                return wanted.contains { $0 == value || ($0.isNaN && value.isNaN) }
            }
        case .bytes(let buffer):
            let wanted = items.compactMap { item -> [UInt8]? in
                switch item { case .string(let text): Array(text.utf8); case .binary(let bytes): bytes; default: nil }
            }
            return buffer.withPointers { bytes, offsets in
                result { row in
                    let start = Int(offsets[row])
                    let length = Int(offsets[row + 1]) - start
                    let text = bytes.map { $0 + start }
                    return wanted.contains { LikePattern.equals(text, length, $0) }
                }
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

    @inline(__always)
    private static func integerMembership<T: FixedWidthInteger>(
        _ values: [T], _ wanted: [T], _ result: ((Int) -> Bool) -> PredicateResult
    ) -> PredicateResult {
        values.withUnsafeBufferPointer { values in
            if wanted.count > 8 {
                let set = Set(wanted)
                return result { set.contains(values[$0]) }
            }
            return wanted.withUnsafeBufferPointer { wanted in
                result { row in
                    let value = values[row]
                    for candidate in wanted where candidate == value { return true }
                    return false
                }
            }
        }
    }
}
