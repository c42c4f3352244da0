import SluiceCore
import Testing
@testable import SQL

@Suite struct ExpressionTestsFunctions {
    private func dates(_ texts: [String?]) throws -> RecordBatch {
        try TestBatch.single("d", .date, texts.map { $0.map(dateValue) ?? .null })
    }

    /// Calendar dates as (year, month, day), which also reads years before 1 unambiguously.
    private func civil(_ values: [Value]) -> [String] {
        values.map { value in
            guard case .date(let days) = value else { return "NULL" }
            let (year, month, day) = CivilTime.civil(days: Int64(days))
            return "\(year)-\(month)-\(day)"
        }
    }

    @Test func addingMonthsClampsToTheMonthEnd() throws {
        let ancient = Value.date(CivilTime.days(year: -44, month: 3, day: 15)!)
        let batch = try TestBatch.single("d", .date, ["2024-01-31", "2023-01-31", "2024-02-29", "2024-03-31", "1969-12-31", "0001-03-31"]
            .map(dateValue) + [ancient, .null])
        let d = col(batch, 0)
        #expect(try civil(evaluated(call(.dateAddMonths, d, int32(1)), batch))
            == ["2024-2-29", "2023-2-28", "2024-3-29", "2024-4-30", "1970-1-31", "1-4-30", "-44-4-15", "NULL"])
        #expect(try civil(evaluated(call(.dateAddMonths, d, int32(-1)), batch))
            == ["2023-12-31", "2022-12-31", "2024-1-29", "2024-2-29", "1969-11-30", "1-2-28", "-44-2-15", "NULL"])
        #expect(try civil(evaluated(call(.dateAddMonths, d, int32(12)), batch))[2] == "2025-2-28")
        #expect(try civil(evaluated(call(.dateAddMonths, d, int32(-24)), batch))[5] == "-1-3-31")
        #expect(try civil(evaluated(call(.dateAddMonths, d, int32(-13)), batch))[6] == "-45-2-15")
        #expect(try civil(evaluated(call(.dateAddDays, d, int32(-90)), batch))[0] == "2023-11-2")
        #expect(try evaluatedConstant(call(.dateAddDays, date("1998-12-01"), int32(-90))) == dateValue("1998-09-02"))
        #expect(try evaluatedConstant(call(.dateAddDays, date("2024-02-28"), int32(1))) == dateValue("2024-02-29"))
        #expect(try evaluatedConstant(call(.dateAddDays, date("2023-02-28"), int32(1))) == dateValue("2023-03-01"))
        let instants = try TestBatch.single("t", .timestamp, [timestampValue("2024-01-31 13:45:00"), timestampValue("1969-12-31 23:59:59")])
        #expect(try evaluated(call(.dateAddMonths, col(instants, 0), int32(1)), instants)
            == [timestampValue("2024-02-29 13:45:00"), timestampValue("1970-01-31 23:59:59")])
        #expect(try evaluated(call(.dateAddDays, col(instants, 0), int32(1)), instants)
            == [timestampValue("2024-02-01 13:45:00"), timestampValue("1970-01-01 23:59:59")])
        let message = errorMessage { _ = try evaluated(call(.dateAddMonths, d, int64(12 * 100_000_000)), batch) }
        #expect(message?.hasPrefix("date out of range in date_add_months(d, 1200000000)") == true)
    }

    @Test func extractParts() throws {
        let batch = try dates(["1998-09-02", "2024-12-31", "1969-12-31", "2000-03-01", nil])
        let d = col(batch, 0)
        func parts(_ part: DatePart) throws -> [Value] { try evaluated(call(.extract(part), d), batch) }
        #expect(try parts(.year) == [.int64(1998), .int64(2024), .int64(1969), .int64(2000), .null])
        #expect(try parts(.month) == [.int64(9), .int64(12), .int64(12), .int64(3), .null])
        #expect(try parts(.day) == [.int64(2), .int64(31), .int64(31), .int64(1), .null])
        #expect(try parts(.quarter) == [.int64(3), .int64(4), .int64(4), .int64(1), .null])
        // 1998-09-02 was a Wednesday, 2024-12-31 a Tuesday, 1969-12-31 a Wednesday, 2000-03-01 a Wednesday.
        #expect(try parts(.dayOfWeek) == [.int64(3), .int64(2), .int64(3), .int64(3), .null])
        #expect(try parts(.dayOfYear) == [.int64(245), .int64(366), .int64(365), .int64(61), .null])
        #expect(try parts(.hour) == [.int64(0), .int64(0), .int64(0), .int64(0), .null])
        let instants = try TestBatch.single("t", .timestamp, [timestampValue("1969-12-31 23:58:07.5"), timestampValue("2020-06-15 08:09:10")])
        let t = col(instants, 0)
        #expect(try evaluated(call(.extract(.hour), t), instants) == [.int64(23), .int64(8)])
        #expect(try evaluated(call(.extract(.minute), t), instants) == [.int64(58), .int64(9)])
        #expect(try evaluated(call(.extract(.second), t), instants) == [.int64(7), .int64(10)])
        #expect(try evaluated(call(.extract(.day), t), instants) == [.int64(31), .int64(15)])
    }

    @Test func substringOnCharacters() throws {
        func substring(_ value: String, _ start: Int64, _ length: Int64? = nil) throws -> Value {
            let arguments = [text(value), int64(start)] + (length.map { [int64($0)] } ?? [])
            return try evaluatedConstant(.function(.substring, arguments, resultType: .string))
        }
        #expect(try substring("hello", 2, 3) == .string("ell"))
        #expect(try substring("hello", 2) == .string("ello"))
        #expect(try substring("hello", 0, 2) == .string("h"))
        #expect(try substring("hello", -3, 2) == .string("ll"))
        #expect(try substring("hello", -3) == .string("llo"))
        #expect(try substring("hello", 3, -2) == .string("he"))
        #expect(try substring("hello", 10, 2) == .string(""))
        #expect(try substring("hello", 1, 0) == .string(""))
        #expect(try substring("héllo wörld", 2, 4) == .string("éllo"))
        #expect(try substring("日本語テキスト", -2) == .string("スト"))
        let phones = try TestBatch.single("c_phone", .string, [.string("13-715-123-4567"), .null, .string("31-1")])
        #expect(try evaluated(call(.substring, col(phones, 0), int32(1), int32(2)), phones) == [.string("13"), .null, .string("31")])
    }

    @Test func stringFunctions() throws {
        let batch = try TestBatch.single("s", .string, [.string("  Hello World  "), .string("ÉCOLE Ünïcode"), .null, .string("")])
        let s = col(batch, 0)
        #expect(try evaluated(call(.lower, s), batch) == [.string("  hello world  "), .string("école ünïcode"), .null, .string("")])
        #expect(try evaluated(call(.upper, s), batch) == [.string("  HELLO WORLD  "), .string("ÉCOLE ÜNÏCODE"), .null, .string("")])
        #expect(try evaluated(call(.length, s), batch) == [.int64(15), .int64(13), .null, .int64(0)])
        #expect(try evaluated(call(.trim, s), batch) == [.string("Hello World"), .string("ÉCOLE Ünïcode"), .null, .string("")])
        #expect(try evaluated(call(.leftTrim, s), batch)[0] == .string("Hello World  "))
        #expect(try evaluated(call(.rightTrim, s), batch)[0] == .string("  Hello World"))
        #expect(try evaluatedConstant(call(.trim, text("xxaxyx"), text("xy"))) == .string("a"))
        #expect(try evaluatedConstant(call(.trim, text("ééaé"), text("é"))) == .string("a"))
        #expect(try evaluated(call(.concat, s, lit(.null, .string), text("!")), batch)
            == [.string("  Hello World  !"), .string("ÉCOLE Ünïcode!"), .string("!"), .string("!")])
        #expect(try evaluated(call(.concatOperator, s, text("!")), batch) == [.string("  Hello World  !"), .string("ÉCOLE Ünïcode!"), .null, .string("!")])
        #expect(try evaluatedConstant(call(.concatOperator, text("a"), lit(.null, .string))) == .null)
        #expect(try evaluatedConstant(call(.concat, text("n="), int32(5))) == .string("n=5"))
    }

    @Test func mathFunctions() throws {
        let d = DataType.decimal(precision: 10, scale: 4)
        let batch = try TestBatch.single("x", d, [decimalValue("1.2345", 4), decimalValue("-1.2350", 4), decimalValue("125.5000", 4), .null])
        let x = col(batch, 0)
        #expect(call(.round, x, int32(2)).type == .decimal(precision: 10, scale: 2))
        #expect(try evaluated(call(.round, x, int32(2)), batch) == [decimalValue("1.23", 2), decimalValue("-1.24", 2), decimalValue("125.50", 2), .null])
        #expect(try evaluated(call(.round, x), batch) == [decimalValue("1", 0), decimalValue("-1", 0), decimalValue("126", 0), .null])
        #expect(try evaluated(call(.round, x, int32(-1)), batch) == [decimalValue("0", 0), decimalValue("0", 0), decimalValue("130", 0), .null])
        #expect(try evaluated(call(.round, x, int32(6)), batch)[0] == decimalValue("1.2345", 4))
        #expect(try evaluated(call(.floor, x), batch) == [decimalValue("1", 0), decimalValue("-2", 0), decimalValue("125", 0), .null])
        #expect(try evaluated(call(.ceil, x), batch) == [decimalValue("2", 0), decimalValue("-1", 0), decimalValue("126", 0), .null])
        #expect(try evaluated(call(.abs, x), batch) == [decimalValue("1.2345", 4), decimalValue("1.2350", 4), decimalValue("125.5000", 4), .null])
        #expect(try evaluatedConstant(call(.round, double(2.5))) == .float64(3))
        #expect(try evaluatedConstant(call(.round, double(-2.5))) == .float64(-3))
        #expect(try evaluatedConstant(call(.round, double(1.2345), int32(2))) == .float64(1.23))
        #expect(try evaluatedConstant(call(.round, double(1234.5), int32(-2))) == .float64(1200))
        #expect(try evaluatedConstant(call(.floor, double(-1.5))) == .float64(-2))
        #expect(try evaluatedConstant(call(.ceil, double(-1.5))) == .float64(-1))
        #expect(try evaluatedConstant(call(.abs, int32(-5))) == .int32(5))
        #expect(try evaluatedConstant(call(.sqrt, int32(16))) == .float64(4))
        #expect(try evaluatedConstant(call(.power, int32(2), int32(10))) == .float64(1024))
        #expect(try evaluatedConstant(call(.exp, int32(0))) == .float64(1))
        #expect(try evaluatedConstant(call(.ln, double(1))) == .float64(0))
        #expect(try evaluatedConstant(call(.mod, int32(-7), int32(3))) == .int32(-1))
        let ints = try TestBatch.single("i", .int32, [.int32(Int32.min)])
        #expect(errorMessage { _ = try evaluated(call(.abs, col(ints, 0)), ints) }?.hasPrefix("integer overflow in abs(i)") == true)
        #expect(errorMessage { _ = try evaluatedConstant(call(.sqrt, int32(-1))) }?.hasPrefix("cannot take the square root of a negative number in sqrt(-1)") == true)
        #expect(errorMessage { _ = try evaluatedConstant(call(.ln, int32(0))) } == "cannot take the logarithm of zero in ln(0)")
    }

    @Test func caseCoalesceAndNullIfAreLazy() throws {
        let batch = try TestBatch.make([
            ("s", .string, [.string("abc"), .string("5"), .null, .string("x")]),
            ("n", .int32, [.int32(1), .null, .int32(3), .int32(4)]),
        ])
        let s = col(batch, 0), n = col(batch, 1)
        // The cast never sees 'abc' or 'x'.
        let guarded = PhysicalExpression.caseWhen(
            operand: nil,
            branches: [CaseBranch(when: .comparison(.equal, s, text("abc")), then: int32(0)),
                       CaseBranch(when: .comparison(.equal, s, text("x")), then: n)],
            otherwise: .cast(s, to: .int32), resultType: .int64)
        #expect(try evaluated(guarded, batch) == [.int64(0), .int64(5), .null, .int64(4)])
        let simple = PhysicalExpression.caseWhen(operand: n, branches: [CaseBranch(when: int32(3), then: text("three"))],
                                                 otherwise: nil, resultType: .string)
        #expect(try evaluated(simple, batch) == [.null, .null, .string("three"), .null])
        // coalesce evaluates the cast only where n is NULL (row 1, '5').
        let fallback = PhysicalExpression.function(.coalesce, [n, .cast(s, to: .int32)], resultType: .int32)
        #expect(try evaluated(fallback, batch) == [.int32(1), .int32(5), .int32(3), .int32(4)])
        #expect(try evaluated(.function(.coalesce, [lit(.null, .int32), n, int64(-1)], resultType: .int64), batch)
            == [.int64(1), .int64(-1), .int64(3), .int64(4)])
        #expect(try evaluated(call(.nullIf, n, int32(3)), batch) == [.int32(1), .null, .null, .int32(4)])
        #expect(try evaluated(call(.nullIf, n, lit(.null, .int32)), batch) == [.int32(1), .null, .int32(3), .int32(4)])
        // Without laziness the cast would fail on 'abc'.
        #expect(errorMessage { _ = try evaluated(.cast(s, to: .int32), batch) } != nil)
    }
}
