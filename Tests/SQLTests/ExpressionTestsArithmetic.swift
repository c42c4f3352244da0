import SluiceCore
import Testing
@testable import SQL

@Suite struct ExpressionTestsArithmetic {
    @Test func integerOperatorsWithNulls() throws {
        let batch = try TestBatch.make([
            ("a", .int32, [.int32(7), .int32(-7), .null, .int32(7), .int32(0)]),
            ("b", .int32, [.int32(2), .int32(2), .int32(1), .int32(-3), .null]),
        ])
        let a = col(batch, 0), b = col(batch, 1)
        #expect(try evaluated(arithmetic(.add, a, b), batch) == [.int32(9), .int32(-5), .null, .int32(4), .null])
        #expect(try evaluated(arithmetic(.subtract, a, b), batch) == [.int32(5), .int32(-9), .null, .int32(10), .null])
        #expect(try evaluated(arithmetic(.multiply, a, b), batch) == [.int32(14), .int32(-14), .null, .int32(-21), .null])
        // `/` on integers is floating-point division (DuckDB).
        #expect(try evaluated(arithmetic(.divide, a, b), batch) == [.float64(3.5), .float64(-3.5), .null, .float64(7.0 / -3.0), .null])
        #expect(try evaluated(arithmetic(.integerDivide, a, b), batch) == [.int32(3), .int32(-3), .null, .int32(-2), .null])
        #expect(try evaluated(arithmetic(.modulo, a, b), batch) == [.int32(1), .int32(-1), .null, .int32(1), .null])
        // Literal on either side, and widening to INT64.
        #expect(try evaluated(arithmetic(.subtract, int32(10), a), batch) == [.int32(3), .int32(17), .null, .int32(3), .int32(10)])
        #expect(try evaluated(arithmetic(.multiply, a, int64(1 << 40)), batch)
            == [.int64(7 << 40), .int64(-7 << 40), .null, .int64(7 << 40), .int64(0)])
        #expect(try evaluated(arithmetic(.add, a, lit(.null, .int32)), batch) == Array(repeating: .null, count: 5))
    }

    @Test func divisionByZeroFollowsDuckDB() throws {
        let batch = try TestBatch.make([
            ("a", .int32, [.int32(7), .int32(-7), .int32(0), .null]),
            ("z", .int32, [.int32(0), .int32(0), .int32(0), .int32(0)]),
            ("q", .decimal(precision: 5, scale: 2), [decimalValue("1.50", 2), .null, .null, .null]),
        ])
        let a = col(batch, 0), z = col(batch, 1)
        // `/` is floating-point: IEEE 754 infinities and NaN, no error.
        let quotients = try evaluated(arithmetic(.divide, a, z), batch)
        #expect(quotients[0] == .float64(.infinity) && quotients[1] == .float64(-.infinity) && quotients[3] == .null)
        if case .float64(let nan) = quotients[2] { #expect(nan.isNaN) } else { Issue.record("0 / 0 is \(quotients[2])") }
        if case .float64(let nan) = try evaluatedConstant(arithmetic(.modulo, double(7.5), double(0))) { #expect(nan.isNaN) }
        // Integer and decimal `//` and `%` by zero are errors naming the expression (DuckDB 2).
        #expect(errorMessage { _ = try evaluated(arithmetic(.integerDivide, a, z), batch) } == "division by zero in a // z")
        #expect(errorMessage { _ = try evaluated(arithmetic(.modulo, a, int32(0)), batch) } == "division by zero in a % 0")
        #expect(errorMessage { _ = try evaluated(arithmetic(.modulo, col(batch, 2), decimal("0", 3, 0)), batch) } == "division by zero in q % 0")
        #expect(errorMessage { _ = try evaluatedConstant(call(.mod, int32(7), int32(0))) } == "division by zero in mod(7, 0)")
        // Only rows that have values count: a NULL dividend divided by zero is NULL.
        let nullsOnly = try TestBatch.make([("a", .int32, [.null]), ("z", .int32, [.int32(0)])])
        #expect(try evaluated(arithmetic(.modulo, col(nullsOnly, 0), col(nullsOnly, 1)), nullsOnly) == [.null])
    }

    @Test func integerOverflowIsAnErrorNamingTheExpression() throws {
        let batch = try TestBatch.make([
            ("a", .int32, [.int32(1), .int32(Int32.max)]),
            ("l_quantity", .int64, [.int64(1), .int64(Int64.max / 2)]),
        ])
        let message = errorMessage { _ = try evaluated(arithmetic(.multiply, col(batch, 0), int32(2)), batch) }
        #expect(message == "integer overflow in a * 2 (2147483647 * 2 does not fit INT32)")
        let quantity = errorMessage { _ = try evaluated(arithmetic(.multiply, col(batch, 1), int64(1_000_000_000_000)), batch) }
        #expect(quantity?.hasPrefix("integer overflow in l_quantity * 1000000000000") == true)
        #expect(errorMessage { _ = try evaluated(arithmetic(.add, col(batch, 0), int32(Int32.max)), batch) } != nil)
        #expect(errorMessage { _ = try evaluated(arithmetic(.subtract, int32(Int32.min), col(batch, 0)), batch) } != nil)
        let minimum = try TestBatch.single("m", .int64, [.int64(Int64.min)])
        #expect(errorMessage { _ = try evaluated(arithmetic(.integerDivide, col(minimum, 0), int64(-1)), minimum) }?
            .hasPrefix("integer overflow in m // -1") == true)
        // The remainder of the smallest integer by -1 is 0, not a trap.
        #expect(try evaluated(arithmetic(.modulo, col(minimum, 0), int64(-1)), minimum) == [.int64(0)])
    }

    @Test func overflowInANullRowIsIgnored() throws {
        // A null slot holding a value that would overflow (kernels compute every slot).
        let column = Column(type: .int32, values: .int32([Int32.max, 1]), validity: ValidityBitmap([false, true]))
        let batch = RecordBatch(schema: Schema([Field("a", .int32)]), columns: [column])
        #expect(try evaluated(arithmetic(.multiply, col(batch, 0), int32(2)), batch) == [.null, .int32(2)])
    }

    @Test func decimalRulesFollowDuckDB() {
        let d152 = DataType.decimal(precision: 15, scale: 2)
        #expect(TypeCoercion.arithmeticResultType(.subtract, .int32, d152) == .decimal(precision: 16, scale: 2))
        #expect(TypeCoercion.arithmeticResultType(.multiply, d152, .decimal(precision: 16, scale: 2)) == .decimal(precision: 18, scale: 4))
        #expect(TypeCoercion.arithmeticResultType(.add, .decimal(precision: 18, scale: 2), .decimal(precision: 18, scale: 2))
            == .decimal(precision: 18, scale: 2))
        #expect(TypeCoercion.arithmeticResultType(.add, .decimal(precision: 20, scale: 2), d152) == .decimal(precision: 21, scale: 2))
        #expect(TypeCoercion.arithmeticResultType(.multiply, .decimal(precision: 20, scale: 2), .decimal(precision: 20, scale: 2))
            == .decimal(precision: 38, scale: 4))
        #expect(TypeCoercion.arithmeticResultType(.divide, d152, d152) == .float64)
        #expect(TypeCoercion.arithmeticResultType(.add, d152, .float64) == .float64)
        #expect(TypeCoercion.arithmeticResultType(.modulo, d152, .decimal(precision: 10, scale: 4)) == .decimal(precision: 17, scale: 4))
        #expect(TypeCoercion.arithmeticResultType(.integerDivide, d152, d152) == nil)
        #expect(TypeCoercion.arithmeticResultType(.subtract, .date, .date) == .int64)
        #expect(TypeCoercion.arithmeticResultType(.add, .int32, .date) == .date)
        #expect(TypeCoercion.arithmeticResultType(.add, .string, .int32) == nil)
    }

    @Test func decimalArithmetic() throws {
        let d152 = DataType.decimal(precision: 15, scale: 2)
        let batch = try TestBatch.make([
            ("price", d152, [decimalValue("12.34", 2), decimalValue("-0.05", 2), .null, decimalValue("99999.99", 2)]),
            ("discount", d152, [decimalValue("0.05", 2), decimalValue("0.10", 2), decimalValue("0.01", 2), .null]),
            ("rate", .decimal(precision: 10, scale: 4), [decimalValue("0.0001", 4), decimalValue("-1.5", 4), .null, decimalValue("2", 4)]),
        ])
        let price = col(batch, 0), discount = col(batch, 1), rate = col(batch, 2)
        let net = arithmetic(.multiply, price, arithmetic(.subtract, int32(1), discount))
        #expect(net.type == .decimal(precision: 18, scale: 4))
        #expect(try evaluated(net, batch) == [decimalValue("11.7230", 4), decimalValue("-0.0450", 4), .null, .null])
        // + and - align scales.
        #expect(try evaluated(arithmetic(.add, price, rate), batch)
            == [decimalValue("12.3401", 4), decimalValue("-1.5500", 4), .null, decimalValue("100001.9900", 4)])
        // % on decimals keeps decimals.
        #expect(try evaluated(arithmetic(.modulo, price, decimal("5", 3, 0)), batch)
            == [decimalValue("2.34", 2), decimalValue("-0.05", 2), .null, decimalValue("4.99", 2)])
        // / gives a double, as in DuckDB.
        #expect(try evaluated(arithmetic(.divide, price, discount), batch) == [.float64(12.34 / 0.05), .float64(-0.05 / 0.10), .null, .null])
        // With a double: double.
        #expect(try evaluated(arithmetic(.add, price, double(0.5)), batch) == [.float64(12.84), .float64(0.45), .null, .float64(100000.49)])
        // Wide decimals (stored as Int128) work the same way.
        let wide = arithmetic(.multiply, price, lit(.decimal(Int128(10).power(20), scale: 0), .decimal(precision: 25, scale: 0)))
        #expect(wide.type == .decimal(precision: 38, scale: 2))
        #expect(try evaluated(wide, batch)[0] == .decimal(1234 * Int128(10).power(20), scale: 2))
    }

    @Test func decimalOverflowIsAnError() throws {
        let d180 = DataType.decimal(precision: 18, scale: 0)
        let batch = try TestBatch.single("x", d180, [.decimal(100_000_000_000_000_000, scale: 0)])
        let product = arithmetic(.multiply, col(batch, 0), decimal("100", 3, 0))
        #expect(product.type == .decimal(precision: 18, scale: 0))
        #expect(errorMessage { _ = try evaluated(product, batch) }?.hasPrefix("decimal overflow in x * 100") == true)
    }

    @Test func overflowChecksAreSkippedOnlyWhereTheTypesRuleOverflowOut() throws {
        let d100 = DataType.decimal(precision: 10, scale: 0), d180 = DataType.decimal(precision: 18, scale: 0)
        #expect(!ExpressionEvaluator.decimalOverflowPossible(.add, d100, d100, result: .decimal(precision: 11, scale: 0)))
        #expect(ExpressionEvaluator.decimalOverflowPossible(.add, d180, d180, result: d180))
        #expect(!ExpressionEvaluator.decimalOverflowPossible(.multiply, d100, .decimal(precision: 8, scale: 2), result: .decimal(precision: 18, scale: 2)))
        #expect(ExpressionEvaluator.decimalOverflowPossible(.multiply, .decimal(precision: 15, scale: 2), .decimal(precision: 16, scale: 2),
                                                           result: .decimal(precision: 18, scale: 4)))
        let batch = try TestBatch.make([
            ("x", d100, [.decimal(9_999_999_999, scale: 0), .decimal(-9_999_999_999, scale: 0)]),
            ("y", d180, [.decimal(999_999_999_999_999_999, scale: 0), .decimal(1, scale: 0)]),
        ])
        #expect(try evaluated(arithmetic(.add, col(batch, 0), col(batch, 0)), batch) == [.decimal(19_999_999_998, scale: 0), .decimal(-19_999_999_998, scale: 0)])
        #expect(errorMessage { _ = try evaluated(arithmetic(.add, col(batch, 1), col(batch, 1)), batch) }?.hasPrefix("decimal overflow in y + y") == true)
    }

    @Test func doubleArithmetic() throws {
        let batch = try TestBatch.single("x", .float64, [.float64(1.5), .float64(-0.0), .float64(.nan), .null, .float64(1e308)])
        let x = col(batch, 0)
        let halves = try evaluated(arithmetic(.divide, x, double(2)), batch)
        #expect(halves[0] == .float64(0.75))
        #expect(halves[3] == .null)
        #expect(try evaluated(arithmetic(.modulo, double(7.5), double(2)), batch)[0] == .float64(1.5))
        // Overflow gives infinity, as IEEE 754 and DuckDB do.
        #expect(try evaluated(arithmetic(.multiply, x, double(10)), batch)[4] == .float64(.infinity))
    }

    @Test func dateArithmetic() throws {
        let batch = try TestBatch.single("d", .date, [dateValue("1998-12-01"), dateValue("1970-01-01"), .null])
        let d = col(batch, 0)
        #expect(try evaluated(arithmetic(.subtract, d, int32(90)), batch) == [dateValue("1998-09-02"), dateValue("1969-10-03"), .null])
        #expect(try evaluated(arithmetic(.add, int64(1), d), batch) == [dateValue("1998-12-02"), dateValue("1970-01-02"), .null])
        #expect(try evaluated(arithmetic(.subtract, d, date("1970-01-01")), batch) == [.int64(10_561), .int64(0), .null])
    }
}

extension Int128 {
    func power(_ exponent: Int) -> Int128 {
        (0..<exponent).reduce(1) { result, _ in result * self }
    }
}
