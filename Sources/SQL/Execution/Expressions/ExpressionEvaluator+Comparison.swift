import SluiceCore

/// `= <> < <= > >=` over every type, producing booleans or a selection.
///
/// Both sides are brought to one type first: a literal that converts exactly to the column's
/// type is converted (so `l_quantity < 24` compares unscaled Int64s), otherwise both go to
/// `TypeCoercion.comparisonType`. Strings compare as bytes (memcmp), never as `String`s.
extension ExpressionEvaluator {
    static func compare(
        _ op: ComparisonOperator, _ left: Datum, _ right: Datum, count: Int, target: PredicateTarget,
        expression: PhysicalExpression
    ) throws -> PredicateResult {
        if left.isNullScalar || right.isNullScalar {
            return VectorKernels.constantPredicate(nil, count: count, target: target)
        }
        var op = op
        var (left, right) = (left, right)
        if case .scalar = left, case .column = right {
            (left, right) = (right, left)
            op = op.flipped
        }
        (left, right) = try unifiedForComparison(left, right, in: expression)
        if count == 0 { return VectorKernels.constantPredicate(nil, count: 0, target: target) }
        let validity = ValidityBitmap.intersection(left.validity, right.validity)
        switch left.type.storage {
        case .boolean:
            return comparePrimitive(op, left.booleanOperand(), right.booleanOperand(), BooleanOrder.self, count: count, target: target, validity: validity)
        case .int32:
            return comparePrimitive(op, left.int32Operand(), right.int32Operand(), NaturalOrder<Int32>.self, count: count, target: target, validity: validity)
        case .int64:
            return comparePrimitive(op, left.int64Operand(), right.int64Operand(), NaturalOrder<Int64>.self, count: count, target: target, validity: validity)
        case .int128:
            return comparePrimitive(op, left.int128Operand(), right.int128Operand(), NaturalOrder<Int128>.self, count: count, target: target, validity: validity)
        case .float64:
            return comparePrimitive(op, left.doubleOperand(), right.doubleOperand(), DoubleOrder.self, count: count, target: target, validity: validity)
        case .bytes:
            return compareBytes(op, left.bytesOperand(), right.bytesOperand(), count: count, target: target, validity: validity)
        }
    }

    /// The two sides in one type (see the extension's summary).
    static func unifiedForComparison(_ left: Datum, _ right: Datum, in expression: PhysicalExpression) throws -> (Datum, Datum) {
        if left.type == right.type { return (left, right) }
        if case .column(let column) = left, case .scalar(let value, let type) = right,
           let exact = exactConversion(value, from: type, to: column.type, in: expression) {
            return (left, .scalar(exact, column.type))
        }
        guard let common = TypeCoercion.comparisonType(left.type, right.type) else {
            throw SluiceError.internal("cannot compare \(left.type) with \(right.type) in \(expression)")
        }
        return (try cast(left, to: common, in: expression), try cast(right, to: common, in: expression))
    }

    /// `value` as a `target`, when that loses nothing (it converts back to the same value).
    static func exactConversion(_ value: Value, from source: DataType, to target: DataType, in expression: PhysicalExpression) -> Value? {
        guard source.isNumeric || source.isDateOrTimestamp, target.isNumeric || target.isDateOrTimestamp,
              case .scalar(let converted, _)? = try? cast(.scalar(value, source), to: target, in: expression),
              case .scalar(let back, _)? = try? cast(.scalar(converted, target), to: source, in: expression),
              back == value
        else { return nil }
        return converted
    }

    /// Picks the kernel for one operator; each (order, rule) pair is its own specialized loop.
    private static func comparePrimitive<Order: ComparisonOrder>(
        _ op: ComparisonOperator, _ left: Operand<Order.Element>, _ right: Operand<Order.Element>, _ order: Order.Type,
        count: Int, target: PredicateTarget, validity: ValidityBitmap?
    ) -> PredicateResult {
        switch op {
        case .equal: comparePairs(left, right, order, EqualRule.self, count: count, target: target, validity: validity)
        case .notEqual: comparePairs(left, right, order, NotEqualRule.self, count: count, target: target, validity: validity)
        case .less: comparePairs(left, right, order, LessRule.self, count: count, target: target, validity: validity)
        case .lessOrEqual: comparePairs(left, right, order, LessOrEqualRule.self, count: count, target: target, validity: validity)
        case .greater: comparePairs(left, right, order, GreaterRule.self, count: count, target: target, validity: validity)
        case .greaterOrEqual: comparePairs(left, right, order, GreaterOrEqualRule.self, count: count, target: target, validity: validity)
        }
    }

    private static func comparePairs<Order: ComparisonOrder, Rule: ComparisonRule>(
        _ left: Operand<Order.Element>, _ right: Operand<Order.Element>, _: Order.Type, _: Rule.Type,
        count: Int, target: PredicateTarget, validity: ValidityBitmap?
    ) -> PredicateResult {
        switch (left, right) {
        case (.vector(let leftValues), .vector(let rightValues)):
            return leftValues.withUnsafeBufferPointer { l in
                rightValues.withUnsafeBufferPointer { r in
                    let test = ColumnColumnComparison<Order, Rule>(left: l.baseAddress!, right: r.baseAddress!)
                    return VectorKernels.predicate(count: count, target: target, validity: validity, test)
                }
            }
        case (.vector(let values), .scalar(let scalar)):
            return values.withUnsafeBufferPointer { values in
                let test = ColumnScalarComparison<Order, Rule>(values: values.baseAddress!, scalar: scalar)
                return VectorKernels.predicate(count: count, target: target, validity: validity, test)
            }
        case (.scalar(let scalar), .vector(let values)):
            // `compare` moves literals to the right; this keeps the kernel total anyway.
            return values.withUnsafeBufferPointer { values in
                VectorKernels.predicate(count: count, target: target, validity: validity) { Rule.holds(scalar, values[$0], in: Order.self) }
            }
        case (.scalar(let a), .scalar(let b)):
            return VectorKernels.constantPredicate(Rule.holds(a, b, in: Order.self), count: count, target: target)
        }
    }

    // MARK: - Bytes

    private static func compareBytes(
        _ op: ComparisonOperator, _ left: BytesOperand, _ right: BytesOperand, count: Int, target: PredicateTarget,
        validity: ValidityBitmap?
    ) -> PredicateResult {
        switch op {
        case .equal: bytePairs(left, right, EqualRule.self, count: count, target: target, validity: validity)
        case .notEqual: bytePairs(left, right, NotEqualRule.self, count: count, target: target, validity: validity)
        case .less: bytePairs(left, right, LessRule.self, count: count, target: target, validity: validity)
        case .lessOrEqual: bytePairs(left, right, LessOrEqualRule.self, count: count, target: target, validity: validity)
        case .greater: bytePairs(left, right, GreaterRule.self, count: count, target: target, validity: validity)
        case .greaterOrEqual: bytePairs(left, right, GreaterOrEqualRule.self, count: count, target: target, validity: validity)
        }
    }

    private static func bytePairs<Rule: ComparisonRule>(
        _ left: BytesOperand, _ right: BytesOperand, _: Rule.Type, count: Int, target: PredicateTarget, validity: ValidityBitmap?
    ) -> PredicateResult {
        switch (left, right) {
        case (.vector(let leftBuffer), .vector(let rightBuffer)):
            return leftBuffer.withPointers { leftBytes, leftOffsets in
                rightBuffer.withPointers { rightBytes, rightOffsets in
                    let test = BytesBytesComparison<Rule>(leftBytes: leftBytes, leftOffsets: leftOffsets,
                                                          rightBytes: rightBytes, rightOffsets: rightOffsets)
                    return VectorKernels.predicate(count: count, target: target, validity: validity, test)
                }
            }
        case (.vector(let buffer), .scalar(let scalar)):
            return buffer.withPointers { bytes, offsets in
                scalar.withUnsafeBufferPointer { scalarBytes in
                    let test = BytesScalarComparison<Rule>(bytes: bytes, offsets: offsets,
                                                           scalar: ByteString(start: scalarBytes.baseAddress, count: scalarBytes.count))
                    return VectorKernels.predicate(count: count, target: target, validity: validity, test)
                }
            }
        case (.scalar(let scalar), .vector(let buffer)):
            return buffer.withPointers { bytes, offsets in
                scalar.withUnsafeBufferPointer { scalarBytes in
                    let value = ByteString(start: scalarBytes.baseAddress, count: scalarBytes.count)
                    return VectorKernels.predicate(count: count, target: target, validity: validity) { row in
                        let start = Int(offsets[row])
                        return Rule.holds(value, ByteString(start: bytes.map { $0 + start }, count: Int(offsets[row + 1]) - start), in: ByteOrder.self)
                    }
                }
            }
        case (.scalar(let l), .scalar(let r)):
            let result = l.withUnsafeBufferPointer { l in
                r.withUnsafeBufferPointer { r in
                    Rule.holds(ByteString(start: l.baseAddress, count: l.count), ByteString(start: r.baseAddress, count: r.count), in: ByteOrder.self)
                }
            }
            return VectorKernels.constantPredicate(result, count: count, target: target)
        }
    }
}

extension BinaryBuffer {
    /// Runs `body` with the byte buffer's base (nil when empty) and the offsets.
    @inline(__always)
    func withPointers<Result>(_ body: (UnsafePointer<UInt8>?, UnsafePointer<Int64>) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { bytes in
            try offsets.withUnsafeBufferPointer { offsets in
                try body(bytes.baseAddress, offsets.baseAddress!)
            }
        }
    }
}
