import SluiceCore

/// The inner loops of the evaluator: tight loops over contiguous buffers, specialized by the
/// closures callers pass (they are inlined, so each call site becomes its own loop).
///
/// Loops never stop on a per-row result: failures (overflow, bad input) are OR-ed into a flag
/// and callers look for the offending row only when the flag is set; selections advance the
/// output cursor by 0 or 1.
enum VectorKernels {
    /// `operation` applied row by row; `anyFlagged` tells whether it flagged any row (including
    /// rows that are null, whose slots the caller ignores).
    @inline(__always)
    static func map<L, R, Output>(
        _ left: Operand<L>, _ right: Operand<R>, count: Int, _ operation: (L, R) -> (Output, Bool)
    ) -> (values: [Output], anyFlagged: Bool) {
        guard count > 0 else { return ([], false) }
        var flags: UInt8 = 0
        let values = [Output](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            let out = buffer.baseAddress!
            switch (left, right) {
            case (.vector(let leftValues), .vector(let rightValues)):
                leftValues.withUnsafeBufferPointer { l in
                    rightValues.withUnsafeBufferPointer { r in
                        for row in 0..<count {
                            let (value, flagged) = operation(l[row], r[row])
                            (out + row).initialize(to: value)
                            flags |= flagged ? 1 : 0
                        }
                    }
                }
            case (.vector(let leftValues), .scalar(let r)):
                leftValues.withUnsafeBufferPointer { l in
                    for row in 0..<count {
                        let (value, flagged) = operation(l[row], r)
                        (out + row).initialize(to: value)
                        flags |= flagged ? 1 : 0
                    }
                }
            case (.scalar(let l), .vector(let rightValues)):
                rightValues.withUnsafeBufferPointer { r in
                    for row in 0..<count {
                        let (value, flagged) = operation(l, r[row])
                        (out + row).initialize(to: value)
                        flags |= flagged ? 1 : 0
                    }
                }
            case (.scalar(let l), .scalar(let r)):
                let (value, flagged) = operation(l, r)
                out.initialize(repeating: value, count: count)
                flags = flagged ? 1 : 0
            }
            initializedCount = count
        }
        return (values, flags != 0)
    }

    /// `operation` applied to each value of an array.
    @inline(__always)
    static func map<Input, Output>(
        _ input: [Input], _ operation: (Input) -> (Output, Bool)
    ) -> (values: [Output], anyFlagged: Bool) {
        let count = input.count
        guard count > 0 else { return ([], false) }
        var flags: UInt8 = 0
        let values = [Output](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            let out = buffer.baseAddress!
            input.withUnsafeBufferPointer { source in
                for row in 0..<count {
                    let (value, flagged) = operation(source[row])
                    (out + row).initialize(to: value)
                    flags |= flagged ? 1 : 0
                }
            }
            initializedCount = count
        }
        return (values, flags != 0)
    }

    /// `test` for every row, as booleans.
    @inline(__always)
    static func booleans<Test: RowTest>(count: Int, _ test: Test) -> [Bool] {
        guard count > 0 else { return [] }
        return [Bool](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            let out = buffer.baseAddress!
            for row in 0..<count { (out + row).initialize(to: test(row)) }
            initializedCount = count
        }
    }

    @inline(__always)
    static func booleans(count: Int, _ test: (Int) -> Bool) -> [Bool] {
        withoutActuallyEscaping(test) { booleans(count: count, ClosureRowTest(body: $0)) }
    }

    /// The rows of `rows` (all of `0..<count` when nil) that are valid and pass `test`, in order.
    @inline(__always)
    static func select<Test: RowTest>(
        count: Int, within rows: [Int32]?, validity: ValidityBitmap?, _ test: Test
    ) -> [Int32] {
        let capacity = rows?.count ?? count
        guard capacity > 0 else { return [] }
        return [Int32](unsafeUninitializedCapacity: capacity) { buffer, selectedCount in
            let out = buffer.baseAddress!
            var cursor = 0
            if let validity {
                validity.words.withUnsafeBufferPointer { words in
                    if let rows {
                        for candidate in rows {
                            let row = Int(candidate)
                            out[cursor] = candidate
                            let valid = (words[row >> 6] >> UInt64(row & 63)) & 1
                            cursor &+= Int(valid) & (test(row) ? 1 : 0)
                        }
                    } else {
                        for row in 0..<count {
                            out[cursor] = Int32(truncatingIfNeeded: row)
                            let valid = (words[row >> 6] >> UInt64(row & 63)) & 1
                            cursor &+= Int(valid) & (test(row) ? 1 : 0)
                        }
                    }
                }
            } else if let rows {
                for candidate in rows {
                    out[cursor] = candidate
                    cursor &+= test(Int(candidate)) ? 1 : 0
                }
            } else {
                for row in 0..<count {
                    out[cursor] = Int32(truncatingIfNeeded: row)
                    cursor &+= test(row) ? 1 : 0
                }
            }
            selectedCount = cursor
        }
    }

    @inline(__always)
    static func select(count: Int, within rows: [Int32]?, validity: ValidityBitmap?, _ test: (Int) -> Bool) -> [Int32] {
        withoutActuallyEscaping(test) { select(count: count, within: rows, validity: validity, ClosureRowTest(body: $0)) }
    }
}

/// A per-row condition of a predicate kernel. Kernels are generic over it, so a concrete test
/// type (a comparison of a column with a literal, say) gives each its own inlined loop; closures
/// would cost an indirect call per row.
protocol RowTest {
    func callAsFunction(_ row: Int) -> Bool
}

/// A closure as a `RowTest`, for the paths where a call per row does not matter.
struct ClosureRowTest: RowTest {
    let body: (Int) -> Bool

    @inline(__always)
    func callAsFunction(_ row: Int) -> Bool { body(row) }
}

/// A test with its result flipped when `flipped` is set (for NOT IN, NOT LIKE).
struct FlippedRowTest<Base: RowTest>: RowTest {
    let base: Base
    let flipped: Bool

    @inline(__always)
    func callAsFunction(_ row: Int) -> Bool { base(row) != flipped }
}

/// What a predicate kernel produces: a BOOLEAN column (for projections) or the passing rows
/// (for filters).
enum PredicateTarget {
    case booleans
    /// Rows where the predicate is TRUE, taken from `within` (all rows when nil).
    case selection(within: [Int32]?)
}

/// The result of a predicate kernel, of the shape its `PredicateTarget` asked for.
enum PredicateResult {
    case booleans(Column)
    case selection([Int32])
}

extension VectorKernels {
    /// Runs `test` for the rows `target` asks for. Rows that are null in `validity` are NULL in a
    /// boolean result and never selected.
    @inline(__always)
    static func predicate(
        count: Int, target: PredicateTarget, validity: ValidityBitmap?, _ test: (Int) -> Bool
    ) -> PredicateResult {
        withoutActuallyEscaping(test) { predicate(count: count, target: target, validity: validity, ClosureRowTest(body: $0)) }
    }

    @inline(__always)
    static func predicate<Test: RowTest>(
        count: Int, target: PredicateTarget, validity: ValidityBitmap?, _ test: Test
    ) -> PredicateResult {
        switch target {
        case .booleans:
            let values = booleans(count: count, test)
            return .booleans(Column.cleaned(type: .boolean, values: .boolean(values), validity: validity))
        case .selection(let within):
            return .selection(select(count: count, within: within, validity: validity, test))
        }
    }

    /// The result of a predicate that is the same for every row: `value` (nil for NULL).
    static func constantPredicate(_ value: Bool?, count: Int, target: PredicateTarget) -> PredicateResult {
        switch target {
        case .booleans:
            return .booleans(Column.constant(value.map { .boolean($0) } ?? .null, type: .boolean, count: count))
        case .selection(let within):
            guard value == true else { return .selection([]) }
            return .selection(within ?? allRows(count))
        }
    }

    /// `0 ..< count` as a selection.
    static func allRows(_ count: Int) -> [Int32] {
        (0..<Int32(truncatingIfNeeded: count)).map { $0 }
    }
}
