import SluiceCore
import Testing
@testable import SQL

@Suite struct ExpressionTestsSelection {
    private func batch() throws -> RecordBatch {
        try TestBatch.make([
            ("a", .int32, [.int32(1), .int32(7), .null, .int32(9), .int32(3), .int32(10)]),
            ("s", .string, [.string("1"), .string("abc"), .string("4"), .string("x"), .string("5"), .null]),
            ("flag", .boolean, [.boolean(true), .null, .boolean(false), .boolean(true), .boolean(true), .boolean(false)]),
        ])
    }

    @Test func filtersWithAndWithoutAnInputSelection() throws {
        let batch = try batch()
        let a = col(batch, 0)
        #expect(try ExpressionEvaluator.select(.comparison(.greater, a, int32(5)), on: batch) == [1, 3, 5])
        #expect(try ExpressionEvaluator.select(.comparison(.greater, a, int32(5)), on: batch, within: [0, 1, 2, 5]) == [1, 5])
        #expect(try ExpressionEvaluator.select(.comparison(.greater, a, int32(5)), on: batch, within: []) == [])
        #expect(try ExpressionEvaluator.select(.or([.comparison(.less, a, int32(2)), .comparison(.greater, a, int32(8))]), on: batch) == [0, 3, 5])
        #expect(try ExpressionEvaluator.select(.or([.comparison(.less, a, int32(2)), .comparison(.greater, a, int32(8))]), on: batch,
                                               within: [3, 4]) == [3])
        #expect(try ExpressionEvaluator.select(col(batch, 2), on: batch) == [0, 3, 4])
        #expect(try ExpressionEvaluator.select(col(batch, 2), on: batch, within: [1, 2, 3]) == [3])
        #expect(try ExpressionEvaluator.select(.not(col(batch, 2)), on: batch) == [2, 5])
        #expect(try ExpressionEvaluator.select(lit(.boolean(true), .boolean), on: batch, within: [2, 4]) == [2, 4])
        #expect(try ExpressionEvaluator.select(lit(.null, .boolean), on: batch) == [])
        #expect(errorMessage { _ = try ExpressionEvaluator.select(a, on: batch) }?.contains("not BOOLEAN") == true)
    }

    @Test func laterConjunctsSeeOnlyTheRowsEarlierOnesKept() throws {
        let batch = try batch()
        let s = col(batch, 1)
        let castBig = PhysicalExpression.comparison(.greater, .cast(s, to: .int32), int32(3))
        // 'abc' and 'x' would fail the cast; the first conjunct removes them first.
        let safe = PhysicalExpression.and([.not(.inList(s, [text("abc"), text("x")], negated: false)), castBig])
        #expect(try ExpressionEvaluator.select(safe, on: batch) == [2, 4])
        #expect(try ExpressionEvaluator.select(castBig, on: batch, within: [0, 2, 4, 5]) == [2, 4])
        #expect(errorMessage { _ = try ExpressionEvaluator.select(castBig, on: batch) } == "cannot cast 'abc' to INT32 in CAST(s AS INT32)")
        // The same holds inside OR: the second disjunct runs only where the first is not TRUE.
        let either = PhysicalExpression.or([.inList(s, [text("abc"), text("x")], negated: false), castBig])
        #expect(try ExpressionEvaluator.select(either, on: batch) == [1, 2, 3, 4])
    }

    @Test func evaluatingAtSelectedRows() throws {
        let batch = try batch()
        let doubled = arithmetic(.multiply, col(batch, 0), int32(2))
        let column = try ExpressionEvaluator.evaluate(doubled, on: batch, at: [1, 3, 2])
        #expect((0..<column.count).map { column[$0] } == [.int32(14), .int32(18), .null])
        let parsed = try ExpressionEvaluator.evaluate(.cast(col(batch, 1), to: .int64), on: batch, at: [0, 4])
        #expect((0..<parsed.count).map { parsed[$0] } == [.int64(1), .int64(5)])
    }

    @Test func selectionsAgreeWithBooleanColumnsAcrossWordBoundaries() throws {
        var random = SeededRandomGenerator(seed: 7)
        let rowCount = 3_001
        let values: [Value] = (0..<rowCount).map { _ in random.chance(1, in: 7) ? .null : .int64(Int64.random(in: -50...50, using: &random)) }
        let batch = try TestBatch.single("x", .int64, values)
        let x = col(batch, 0)
        let predicates: [PhysicalExpression] = [
            .comparison(.lessOrEqual, x, int64(10)),
            .and([.comparison(.greater, x, int64(-20)), .not(.comparison(.equal, x, int64(3)))]),
            .or([.isNull(x, negated: false), .between(x, low: int64(40), high: int64(45), negated: false)]),
            .inList(x, (0..<20).map { int64(Int64($0) * 3) }, negated: true),
        ]
        let within = (0..<Int32(rowCount)).filter { _ in random.chance(1, in: 2) }
        for predicate in predicates {
            let flags = try evaluated(predicate, batch)
            let expected = (0..<Int32(rowCount)).filter { flags[Int($0)] == .boolean(true) }
            #expect(try ExpressionEvaluator.select(predicate, on: batch) == expected, "\(predicate)")
            #expect(try ExpressionEvaluator.select(predicate, on: batch, within: within) == expected.filter(Set(within).contains), "\(predicate)")
        }
    }
}
