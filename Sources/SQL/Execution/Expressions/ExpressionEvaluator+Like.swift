import SluiceCore

/// `x [NOT] LIKE pattern [ESCAPE c]` over STRING (or BINARY) values, compared as bytes.
extension ExpressionEvaluator {
    static func like(
        _ value: Datum, pattern: Datum, escape: Character?, negated: Bool, count: Int, target: PredicateTarget,
        expression: PhysicalExpression
    ) throws -> PredicateResult {
        if value.isNullScalar || pattern.isNullScalar {
            return VectorKernels.constantPredicate(nil, count: count, target: target)
        }
        let text = try cast(value, to: value.type == .binary ? .binary : .string, in: expression)
        let patternText = try cast(pattern, to: text.type, in: expression)
        switch (text.bytesOperand(), patternText.bytesOperand()) {
        case (.scalar(let textBytes), .scalar(let patternBytes)):
            let matched = try LikePattern(patternBytes, escape: escape).matches(textBytes, textBytes.count) != negated
            return VectorKernels.constantPredicate(matched, count: count, target: target)
        case (.vector(let buffer), .scalar(let patternBytes)):
            let compiled = try LikePattern(patternBytes, escape: escape)
            return buffer.withPointers { bytes, offsets in
                likeRows(compiled, bytes, offsets, negated: negated, count: count, target: target, validity: text.validity)
            }
        case (let textOperand, .vector(let patterns)):
            // A pattern per row: compile each distinct pattern once, in a row's turn.
            var compiledByPattern: [[UInt8]: LikePattern] = [:]
            var matched = [Bool](repeating: false, count: count)
            let validity = ValidityBitmap.intersection(text.validity, patternText.validity)
            for row in 0..<count where validity?.isValid(row) ?? true {
                let patternBytes = Array(patterns[row])
                let compiled = try compiledByPattern[patternBytes] ?? LikePattern(patternBytes, escape: escape)
                compiledByPattern[patternBytes] = compiled
                let textBytes: [UInt8] = switch textOperand {
                case .vector(let buffer): Array(buffer[row])
                case .scalar(let bytes): bytes
                }
                matched[row] = compiled.matches(textBytes, textBytes.count) != negated
            }
            let column = Column.cleaned(type: .boolean, values: .boolean(matched), validity: validity)
            return booleanPredicate(.column(column), count: count, target: target)
        }
    }

    /// The common case, a column against one pattern, with a loop per pattern kind.
    private static func likeRows(
        _ pattern: LikePattern, _ bytes: UnsafePointer<UInt8>?, _ offsets: UnsafePointer<Int64>, negated: Bool, count: Int,
        target: PredicateTarget, validity: ValidityBitmap?
    ) -> PredicateResult {
        func run<Matcher: LikeMatcher>(_ matcher: Matcher) -> PredicateResult {
            let test = LikeRowTest(bytes: bytes, offsets: offsets, matcher: matcher, negated: negated)
            return VectorKernels.predicate(count: count, target: target, validity: validity, test)
        }
        switch pattern.kind {
        case .prefix(let literal): return literal.withUnsafeBufferPointer { run(PrefixMatcher(literal: $0)) }
        case .suffix(let literal): return literal.withUnsafeBufferPointer { run(SuffixMatcher(literal: $0)) }
        case .exact(let literal): return literal.withUnsafeBufferPointer { run(ExactMatcher(literal: $0)) }
        case .contains(let literal): return run(ContainsMatcher(literal: literal))
        default: return run(PatternMatcher(pattern: pattern))
        }
    }
}
