import SluiceCore
import Testing
@testable import SQL

@Suite struct ExpressionTestsLogic {
    /// Every pair of TRUE, FALSE, NULL.
    private func truthTable() throws -> RecordBatch {
        let values: [Value] = [.boolean(true), .boolean(false), .null]
        return try TestBatch.make([
            ("a", .boolean, values.flatMap { a in values.map { _ in a } }),
            ("b", .boolean, values.flatMap { _ in values }),
        ])
    }

    @Test func andOrNotFollowThreeValuedLogic() throws {
        let batch = try truthTable()
        let a = col(batch, 0), b = col(batch, 1)
        let (t, f, n) = (Value.boolean(true), Value.boolean(false), Value.null)
        // Rows: (T,T) (T,F) (T,N) (F,T) (F,F) (F,N) (N,T) (N,F) (N,N)
        #expect(try evaluated(.and([a, b]), batch) == [t, f, n, f, f, f, n, f, n])
        #expect(try evaluated(.or([a, b]), batch) == [t, t, t, t, f, n, t, n, n])
        #expect(try evaluated(.not(a), batch) == [f, f, f, t, t, t, n, n, n])
        #expect(try evaluated(.and([a, lit(.boolean(true), .boolean)]), batch) == [t, t, t, f, f, f, n, n, n])
        #expect(try evaluated(.and([a, lit(.null, .boolean)]), batch) == [n, n, n, f, f, f, n, n, n])
        #expect(try evaluated(.or([a, lit(.null, .boolean)]), batch) == [t, t, t, n, n, n, n, n, n])
        #expect(try evaluated(.or([lit(.boolean(false), .boolean), b]), batch) == [t, f, n, t, f, n, t, f, n])
        // As filters: only TRUE rows.
        #expect(try ExpressionEvaluator.select(.and([a, b]), on: batch) == [0])
        #expect(try ExpressionEvaluator.select(.or([a, b]), on: batch) == [0, 1, 2, 3, 6])
        #expect(try ExpressionEvaluator.select(.not(a), on: batch) == [3, 4, 5])
        #expect(try ExpressionEvaluator.select(.not(.and([a, b])), on: batch) == [1, 3, 4, 5, 7])
        #expect(try ExpressionEvaluator.select(.not(.or([a, b])), on: batch) == [4])
        #expect(try ExpressionEvaluator.select(.not(.not(a)), on: batch) == [0, 1, 2])
    }

    @Test func isNull() throws {
        let batch = try TestBatch.single("x", .int64, [.int64(1), .null, .int64(3)])
        #expect(try evaluated(.isNull(col(batch, 0), negated: false), batch) == [.boolean(false), .boolean(true), .boolean(false)])
        #expect(try evaluated(.isNull(col(batch, 0), negated: true), batch) == [.boolean(true), .boolean(false), .boolean(true)])
        #expect(try ExpressionEvaluator.select(.isNull(col(batch, 0), negated: true), on: batch) == [0, 2])
        #expect(try ExpressionEvaluator.select(.not(.isNull(col(batch, 0), negated: true)), on: batch) == [1])
        #expect(try evaluated(.isNull(lit(.null, .int32), negated: false), batch) == Array(repeating: .boolean(true), count: 3))
    }

    @Test func comparisonsAcrossTypes() throws {
        let batch = try TestBatch.make([
            ("i", .int32, [.int32(5), .int32(-3), .null, .int32(24)]),
            ("l", .int64, [.int64(5), .int64(1 << 40), .int64(0), .int64(23)]),
            ("q", .decimal(precision: 15, scale: 2), [decimalValue("5.00", 2), decimalValue("-3.01", 2), .null, decimalValue("23.99", 2)]),
            ("x", .float64, [.float64(5), .float64(.nan), .float64(-0.0), .float64(.infinity)]),
        ])
        let i = col(batch, 0), l = col(batch, 1), q = col(batch, 2), x = col(batch, 3)
        let (t, f, n) = (Value.boolean(true), Value.boolean(false), Value.null)
        #expect(try evaluated(.comparison(.equal, i, l), batch) == [t, f, n, f])
        #expect(try evaluated(.comparison(.less, i, l), batch) == [f, t, n, f])
        #expect(try evaluated(.comparison(.equal, i, q), batch) == [t, f, n, f])
        #expect(try evaluated(.comparison(.greater, i, q), batch) == [f, t, n, t])
        #expect(try evaluated(.comparison(.less, q, int32(24)), batch) == [t, t, n, t])
        #expect(try evaluated(.comparison(.lessOrEqual, q, decimal("23.985", 5, 3)), batch) == [t, t, n, f])
        #expect(try evaluated(.comparison(.greaterOrEqual, q, double(5)), batch) == [t, f, n, t])
        // NaN equals NaN and is above everything (DuckDB's order); -0.0 = 0.
        #expect(try evaluated(.comparison(.equal, x, x), batch) == [t, t, t, t])
        #expect(try evaluated(.comparison(.greater, x, double(.infinity)), batch) == [f, t, f, f])
        #expect(try evaluated(.comparison(.equal, x, double(0)), batch) == [f, f, t, f])
        #expect(try evaluated(.comparison(.notEqual, x, double(.nan)), batch) == [t, f, t, t])
        // Literal on the left is flipped onto the column.
        #expect(try evaluated(.comparison(.greater, int32(0), i), batch) == [f, t, n, f])
        #expect(try evaluated(.comparison(.equal, i, lit(.null, .int32)), batch) == [n, n, n, n])
        #expect(try evaluated(.comparison(.less, int32(1), int32(2)), batch) == [t, t, t, t])
    }

    @Test func stringsCompareAsBytes() throws {
        let batch = try TestBatch.single("s", .string, [.string("abc"), .string("abd"), .string(""), .string("é"), .null, .string("ab")])
        let s = col(batch, 0)
        let (t, f, n) = (Value.boolean(true), Value.boolean(false), Value.null)
        #expect(try evaluated(.comparison(.less, s, text("abd")), batch) == [t, f, t, f, n, t])
        #expect(try evaluated(.comparison(.equal, s, text("abc")), batch) == [t, f, f, f, n, f])
        #expect(try evaluated(.comparison(.greater, s, text("z")), batch) == [f, f, f, t, n, f])
        #expect(try evaluated(.comparison(.greaterOrEqual, s, text("")), batch) == [t, t, t, t, n, t])
        #expect(try evaluated(.comparison(.notEqual, s, s), batch) == [f, f, f, f, n, f])
        #expect(try ExpressionEvaluator.select(.comparison(.lessOrEqual, s, text("abc")), on: batch) == [0, 2, 5])
        // Text against a date is read as a date.
        let dates = try TestBatch.single("d", .date, [dateValue("1998-09-02"), dateValue("1998-09-03")])
        #expect(try evaluated(.comparison(.lessOrEqual, col(dates, 0), text("1998-09-02")), dates) == [t, f])
        let booleans = try TestBatch.single("b", .boolean, [.boolean(true), .boolean(false)])
        #expect(try evaluated(.comparison(.greater, col(booleans, 0), lit(.boolean(false), .boolean)), booleans) == [t, f])
    }

    @Test func inListWithNulls() throws {
        let batch = try TestBatch.single("x", .int32, [.int32(1), .int32(3), .null])
        let x = col(batch, 0)
        let (t, f, n) = (Value.boolean(true), Value.boolean(false), Value.null)
        #expect(try evaluated(.inList(x, [int32(1), int32(2)], negated: false), batch) == [t, f, n])
        #expect(try evaluated(.inList(x, [int32(1), int32(2)], negated: true), batch) == [f, t, n])
        // A NULL in the list makes a non-match NULL, so NOT IN is never TRUE.
        #expect(try evaluated(.inList(x, [int32(1), lit(.null, .int32)], negated: false), batch) == [t, n, n])
        #expect(try evaluated(.inList(x, [int32(1), lit(.null, .int32)], negated: true), batch) == [f, n, n])
        #expect(try ExpressionEvaluator.select(.inList(x, [int32(1), lit(.null, .int32)], negated: true), on: batch) == [])
        #expect(try ExpressionEvaluator.select(.inList(x, [int32(2), int32(3)], negated: false), on: batch) == [1])
        #expect(try ExpressionEvaluator.select(.inList(x, [int32(2), int32(3)], negated: true), on: batch) == [0])
        // Items of other types: 1.5 can equal no INT32; 3.0 equals 3.
        #expect(try evaluated(.inList(x, [double(1.5), double(3)], negated: false), batch) == [f, t, n])
        // Long lists hash; lists of expressions compare one by one.
        let many = (10...30).map { int32(Int32($0)) } + [int32(3)]
        #expect(try evaluated(.inList(x, many, negated: false), batch) == [f, t, n])
        #expect(try evaluated(.inList(x, [arithmetic(.add, x, int32(0)), lit(.null, .int32)], negated: false), batch) == [t, t, n])
        #expect(try evaluated(.inList(int32(3), [x, int32(7)], negated: false), batch) == [f, t, n])
        let strings = try TestBatch.single("mode", .string, [.string("MAIL"), .string("SHIP"), .string("AIR")])
        #expect(try ExpressionEvaluator.select(.inList(col(strings, 0), [text("MAIL"), text("SHIP")], negated: false), on: strings) == [0, 1])
    }

    @Test func betweenIsInclusive() throws {
        let batch = try TestBatch.single("q", .decimal(precision: 15, scale: 2),
                                         [decimalValue("0.04", 2), decimalValue("0.05", 2), decimalValue("0.07", 2), decimalValue("0.08", 2), .null])
        let q = col(batch, 0)
        let (t, f, n) = (Value.boolean(true), Value.boolean(false), Value.null)
        let inside = PhysicalExpression.between(q, low: decimal("0.05", 3, 2), high: decimal("0.07", 3, 2), negated: false)
        #expect(try evaluated(inside, batch) == [f, t, t, f, n])
        #expect(try ExpressionEvaluator.select(inside, on: batch) == [1, 2])
        let outside = PhysicalExpression.between(q, low: decimal("0.05", 3, 2), high: decimal("0.07", 3, 2), negated: true)
        #expect(try evaluated(outside, batch) == [t, f, f, t, n])
        #expect(try ExpressionEvaluator.select(outside, on: batch) == [0, 3])
        #expect(try ExpressionEvaluator.select(.not(inside), on: batch) == [0, 3])
        // A NULL bound: NULL where the other bound does not decide.
        let open = PhysicalExpression.between(q, low: lit(.null, .decimal(precision: 3, scale: 2)), high: decimal("0.05", 3, 2), negated: false)
        #expect(try evaluated(open, batch) == [n, n, f, f, n])
    }
}
