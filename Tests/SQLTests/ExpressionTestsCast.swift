import SluiceCore
import Testing
@testable import SQL

@Suite struct ExpressionTestsCast {
    private func cast(_ value: Value, _ from: DataType, to target: DataType) throws -> Value {
        try evaluatedConstant(.cast(lit(value, from), to: target))
    }

    private func castColumn(_ values: [Value], _ from: DataType, to target: DataType) throws -> [Value] {
        let batch = try TestBatch.single("x", from, values)
        return try evaluated(.cast(col(batch, 0), to: target), batch)
    }

    @Test func textToNumbersDatesAndBooleans() throws {
        #expect(try castColumn([.string("42"), .string(" -7 "), .null, .string("+3")], .string, to: .int32)
            == [.int32(42), .int32(-7), .null, .int32(3)])
        #expect(try castColumn([.string("-9223372036854775808"), .string("9223372036854775807")], .string, to: .int64)
            == [.int64(Int64.min), .int64(Int64.max)])
        // Decimal text rounds half away from zero, as in DuckDB.
        #expect(try castColumn([.string("1.5"), .string("-2.5"), .string("2.49"), .string("1e3")], .string, to: .int32)
            == [.int32(2), .int32(-3), .int32(2), .int32(1000)])
        #expect(try castColumn([.string("1.5e3"), .string("-0.25"), .string("inf")], .string, to: .float64)
            == [.float64(1500), .float64(-0.25), .float64(.infinity)])
        let d = DataType.decimal(precision: 10, scale: 2)
        #expect(try castColumn([.string("1.005"), .string("-1.005"), .string("12"), .string(".5"), .string("1e2"), .string("0.004")], .string, to: d)
            == [decimalValue("1.01", 2), decimalValue("-1.01", 2), decimalValue("12", 2), decimalValue("0.50", 2),
                decimalValue("100", 2), decimalValue("0", 2)])
        #expect(try castColumn([.string("1998-09-02"), .string(" 2024-02-29 ")], .string, to: .date)
            == [dateValue("1998-09-02"), dateValue("2024-02-29")])
        #expect(try castColumn([.string("2020-01-01 12:30:00"), .string("2020-01-01")], .string, to: .timestamp)
            == [timestampValue("2020-01-01 12:30:00"), timestampValue("2020-01-01 00:00:00")])
        #expect(try castColumn([.string("TRUE"), .string("f"), .string("0")], .string, to: .boolean)
            == [.boolean(true), .boolean(false), .boolean(false)])
    }

    @Test func badCastsNameTheValueAndTheExpression() throws {
        let batch = try TestBatch.single("s", .string, [.string("12"), .string("abc")])
        let message = errorMessage { _ = try evaluated(.cast(col(batch, 0), to: .int64), batch) }
        #expect(message == "cannot cast 'abc' to INT64 in CAST(s AS INT64)")
        #expect(errorMessage { _ = try self.cast(.string("2023-02-29"), .string, to: .date) }?.hasPrefix("cannot cast '2023-02-29' to DATE") == true)
        #expect(errorMessage { _ = try self.cast(.string("2147483648"), .string, to: .int32) } != nil)
        #expect(errorMessage { _ = try self.cast(.string("1.5.1"), .string, to: .int32) } != nil)
        #expect(errorMessage { _ = try self.cast(.string("12345.6"), .string, to: .decimal(precision: 5, scale: 2)) } != nil)
        #expect(errorMessage { _ = try self.cast(.int64(3_000_000_000), .int64, to: .int32) }
            == "cannot cast 3000000000 to INT32 in CAST(3000000000 AS INT32)")
        #expect(errorMessage { _ = try self.cast(decimalValue("123.45", 2), .decimal(precision: 5, scale: 2), to: .decimal(precision: 3, scale: 2)) } != nil)
        #expect(errorMessage { _ = try self.cast(.float64(.nan), .float64, to: .int64) } != nil)
        #expect(errorMessage { _ = try self.cast(.float64(1e30), .float64, to: .decimal(precision: 18, scale: 2)) } != nil)
        // A value in a null row never fails.
        let nulls = try TestBatch.single("s", .string, [.null])
        #expect(try evaluated(.cast(col(nulls, 0), to: .int32), nulls) == [.null])
    }

    @Test func roundingRules() throws {
        // Doubles to integers: half to even (DuckDB, after PostgreSQL).
        #expect(try castColumn([.float64(2.5), .float64(3.5), .float64(-2.5), .float64(2.4999)], .float64, to: .int32)
            == [.int32(2), .int32(4), .int32(-2), .int32(2)])
        // Doubles to decimals: half away from zero.
        #expect(try castColumn([.float64(2.5), .float64(-2.5), .float64(0.125)], .float64, to: .decimal(precision: 4, scale: 0))
            == [decimalValue("3", 0), decimalValue("-3", 0), decimalValue("0", 0)])
        #expect(try castColumn([.float64(0.125), .float64(-0.375)], .float64, to: .decimal(precision: 4, scale: 2))
            == [decimalValue("0.13", 2), decimalValue("-0.38", 2)])
        // Decimals to fewer digits and to integers: half away from zero.
        let d3 = DataType.decimal(precision: 10, scale: 3)
        #expect(try castColumn([decimalValue("1.235", 3), decimalValue("-1.235", 3), decimalValue("1.234", 3)], d3, to: .decimal(precision: 10, scale: 2))
            == [decimalValue("1.24", 2), decimalValue("-1.24", 2), decimalValue("1.23", 2)])
        #expect(try castColumn([decimalValue("2.500", 3), decimalValue("-2.500", 3), decimalValue("2.499", 3)], d3, to: .int64)
            == [.int64(3), .int64(-3), .int64(2)])
        // Up in scale and into 128 bits.
        #expect(try castColumn([decimalValue("1.5", 1)], .decimal(precision: 5, scale: 1), to: .decimal(precision: 30, scale: 20))
            == [.decimal(15 * Int128(10).power(19), scale: 20)])
        #expect(try castColumn([.decimal(15 * Int128(10).power(19), scale: 20)], .decimal(precision: 30, scale: 20), to: .decimal(precision: 5, scale: 1))
            == [decimalValue("1.5", 1)])
        #expect(try castColumn([.int32(7), .null], .int32, to: .decimal(precision: 5, scale: 2)) == [decimalValue("7", 2), .null])
        #expect(try castColumn([decimalValue("-1.25", 2)], .decimal(precision: 5, scale: 2), to: .float64) == [.float64(-1.25)])
    }

    @Test func datesTimestampsBooleansAndText() throws {
        #expect(try castColumn([dateValue("1969-12-31"), .null], .date, to: .timestamp) == [timestampValue("1969-12-31 00:00:00"), .null])
        #expect(try castColumn([timestampValue("1969-12-31 23:00:00"), timestampValue("1970-01-01 00:00:00")], .timestamp, to: .date)
            == [dateValue("1969-12-31"), dateValue("1970-01-01")])
        #expect(try castColumn([.boolean(true), .boolean(false)], .boolean, to: .int32) == [.int32(1), .int32(0)])
        #expect(try castColumn([.int64(0), .int64(-4)], .int64, to: .boolean) == [.boolean(false), .boolean(true)])
        #expect(try castColumn([.int32(-12), .null], .int32, to: .string) == [.string("-12"), .null])
        #expect(try castColumn([decimalValue("-0.05", 2)], .decimal(precision: 4, scale: 2), to: .string) == [.string("-0.05")])
        #expect(try castColumn([dateValue("1998-09-02")], .date, to: .string) == [.string("1998-09-02")])
        #expect(try castColumn([timestampValue("1998-09-02 10:00:00")], .timestamp, to: .string) == [.string("1998-09-02 10:00:00")])
        #expect(try castColumn([.float64(1.5)], .float64, to: .string) == [.string("1.5")])
        #expect(try castColumn([.boolean(true)], .boolean, to: .string) == [.string("true")])
        #expect(try castColumn([.string("hé")], .string, to: .binary) == [.binary(Array("hé".utf8))])
        #expect(errorMessage { _ = try self.cast(dateValue("1998-09-02"), .date, to: .int32) }?.hasPrefix("cannot cast DATE to INT32") == true)
    }
}
