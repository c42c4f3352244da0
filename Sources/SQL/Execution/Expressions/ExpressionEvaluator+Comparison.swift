#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
        let validity = ValidityBitmap.intersection(left.validity, right.validity)
        switch left.type.storage {
        case .boolean:
            return comparePrimitive(op, left.booleanOperand(), right.booleanOperand(), count: count, target: target,
                                    validity: validity, less: { !$0 && $1 }, equal: { $0 == $1 })
        case .int32:
            return comparePrimitive(op, left.int32Operand(), right.int32Operand(), count: count, target: target,
                                    validity: validity, less: { $0 < $1 }, equal: { $0 == $1 })
        case .int64:
            return comparePrimitive(op, left.int64Operand(), right.int64Operand(), count: count, target: target,
                                    validity: validity, less: { $0 < $1 }, equal: { $0 == $1 })
        case .int128:
            return comparePrimitive(op, left.int128Operand(), right.int128Operand(), count: count, target: target,
                                    validity: validity, less: { $0 < $1 }, equal: { $0 == $1 })
        case .float64:
            // DuckDB's order: NaN equals NaN and sorts above everything else.
            return comparePrimitive(op, left.doubleOperand(), right.doubleOperand(), count: count, target: target,
                                    validity: validity, less: { $0 < $1 || ($1.isNaN && !$0.isNaN) },
                                    equal: { $0 == $1 || ($0.isNaN && $1.isNaN) })
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

    /// Runs one comparison operator through `less` and `equal`, which define a total order.
    @inline(__always)
    static func comparePrimitive<T>(
        _ op: ComparisonOperator, _ left: Operand<T>, _ right: Operand<T>, count: Int, target: PredicateTarget,
        validity: ValidityBitmap?, less: (T, T) -> Bool, equal: (T, T) -> Bool
    ) -> PredicateResult {
        switch op {
        case .equal: comparePairs(left, right, count: count, target: target, validity: validity) { equal($0, $1) }
        case .notEqual: comparePairs(left, right, count: count, target: target, validity: validity) { !equal($0, $1) }
        case .less: comparePairs(left, right, count: count, target: target, validity: validity) { less($0, $1) }
        case .lessOrEqual: comparePairs(left, right, count: count, target: target, validity: validity) { !less($1, $0) }
        case .greater: comparePairs(left, right, count: count, target: target, validity: validity) { less($1, $0) }
        case .greaterOrEqual: comparePairs(left, right, count: count, target: target, validity: validity) { !less($0, $1) }
        }
    }

    @inline(__always)
    private static func comparePairs<T>(
        _ left: Operand<T>, _ right: Operand<T>, count: Int, target: PredicateTarget, validity: ValidityBitmap?,
        _ test: (T, T) -> Bool
    ) -> PredicateResult {
        switch (left, right) {
        case (.vector(let leftValues), .vector(let rightValues)):
            return leftValues.withUnsafeBufferPointer { l in
                rightValues.withUnsafeBufferPointer { r in
                    VectorKernels.predicate(count: count, target: target, validity: validity) { test(l[$0], r[$0]) }
                }
            }
        case (.vector(let leftValues), .scalar(let r)):
            return leftValues.withUnsafeBufferPointer { l in
                VectorKernels.predicate(count: count, target: target, validity: validity) { test(l[$0], r) }
            }
        case (.scalar(let l), .vector(let rightValues)):
            return rightValues.withUnsafeBufferPointer { r in
                VectorKernels.predicate(count: count, target: target, validity: validity) { test(l, r[$0]) }
            }
        case (.scalar(let l), .scalar(let r)):
            return VectorKernels.constantPredicate(test(l, r), count: count, target: target)
        }
    }

    // MARK: - Bytes

    private static func compareBytes(
        _ op: ComparisonOperator, _ left: BytesOperand, _ right: BytesOperand, count: Int, target: PredicateTarget,
        validity: ValidityBitmap?
    ) -> PredicateResult {
        switch op {
        case .equal: bytePairs(left, right, count: count, target: target, validity: validity) { bytesEqual($0, $1, $2, $3) }
        case .notEqual: bytePairs(left, right, count: count, target: target, validity: validity) { !bytesEqual($0, $1, $2, $3) }
        case .less: bytePairs(left, right, count: count, target: target, validity: validity) { bytesOrder($0, $1, $2, $3) < 0 }
        case .lessOrEqual: bytePairs(left, right, count: count, target: target, validity: validity) { bytesOrder($0, $1, $2, $3) <= 0 }
        case .greater: bytePairs(left, right, count: count, target: target, validity: validity) { bytesOrder($0, $1, $2, $3) > 0 }
        case .greaterOrEqual: bytePairs(left, right, count: count, target: target, validity: validity) { bytesOrder($0, $1, $2, $3) >= 0 }
        }
    }

    /// Calls `test(leftBytes, leftCount, rightBytes, rightCount)` for each row.
    @inline(__always)
    private static func bytePairs(
        _ left: BytesOperand, _ right: BytesOperand, count: Int, target: PredicateTarget, validity: ValidityBitmap?,
        _ test: (UnsafePointer<UInt8>?, Int, UnsafePointer<UInt8>?, Int) -> Bool
    ) -> PredicateResult {
        switch (left, right) {
        case (.vector(let leftBuffer), .vector(let rightBuffer)):
            return leftBuffer.withPointers { leftBytes, leftOffsets in
                rightBuffer.withPointers { rightBytes, rightOffsets in
                    VectorKernels.predicate(count: count, target: target, validity: validity) { row in
                        let leftStart = Int(leftOffsets[row])
                        let rightStart = Int(rightOffsets[row])
                        return test(leftBytes.map { $0 + leftStart }, Int(leftOffsets[row + 1]) - leftStart,
                                    rightBytes.map { $0 + rightStart }, Int(rightOffsets[row + 1]) - rightStart)
                    }
                }
            }
        case (.vector(let buffer), .scalar(let scalar)):
            return buffer.withPointers { bytes, offsets in
                scalar.withUnsafeBufferPointer { scalarBytes in
                    VectorKernels.predicate(count: count, target: target, validity: validity) { row in
                        let start = Int(offsets[row])
                        return test(bytes.map { $0 + start }, Int(offsets[row + 1]) - start, scalarBytes.baseAddress, scalarBytes.count)
                    }
                }
            }
        case (.scalar(let scalar), .vector(let buffer)):
            return buffer.withPointers { bytes, offsets in
                scalar.withUnsafeBufferPointer { scalarBytes in
                    VectorKernels.predicate(count: count, target: target, validity: validity) { row in
                        let start = Int(offsets[row])
                        return test(scalarBytes.baseAddress, scalarBytes.count, bytes.map { $0 + start }, Int(offsets[row + 1]) - start)
                    }
                }
            }
        case (.scalar(let l), .scalar(let r)):
            let result = l.withUnsafeBufferPointer { l in
                r.withUnsafeBufferPointer { r in test(l.baseAddress, l.count, r.baseAddress, r.count) }
            }
            return VectorKernels.constantPredicate(result, count: count, target: target)
        }
    }

    @inline(__always)
    static func bytesEqual(_ a: UnsafePointer<UInt8>?, _ aCount: Int, _ b: UnsafePointer<UInt8>?, _ bCount: Int) -> Bool {
        aCount == bCount && (aCount == 0 || memcmp(a!, b!, aCount) == 0)
    }

    /// Negative, zero or positive, unsigned byte order with the shorter prefix first.
    @inline(__always)
    static func bytesOrder(_ a: UnsafePointer<UInt8>?, _ aCount: Int, _ b: UnsafePointer<UInt8>?, _ bCount: Int) -> Int {
        let common = min(aCount, bCount)
        if common > 0 {
            let order = memcmp(a!, b!, common)
            if order != 0 { return Int(order) }
        }
        return aCount - bCount
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
