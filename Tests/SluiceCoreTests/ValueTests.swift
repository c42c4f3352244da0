import Testing
@testable import SluiceCore

@Suite struct ValueTests {
    @Test func civilTimeRoundTripsAcrossEras() {
        for days: Int32 in [-719_468, -1, 0, 1, 10_957, 19_000, 2_932_896] {
            let text = CivilTime.formatDate(days: days)
            #expect(CivilTime.parseDate(text) == days, "\(text)")
        }
        #expect(CivilTime.formatDate(days: 0) == "1970-01-01")
        #expect(CivilTime.parseDate("2024-02-29") == 19_782)
        #expect(CivilTime.parseDate("2023-02-29") == nil)
        #expect(CivilTime.formatTimestamp(micros: -1) == "1969-12-31 23:59:59.999999")
        #expect(CivilTime.parseTimestamp("2020-01-01T00:00:00Z") == 1_577_836_800_000_000)
        #expect(CivilTime.parseTimestamp("2020-01-01 01:00:00+01:00") == 1_577_836_800_000_000)
        #expect(CivilTime.parseTimestamp("2020-01-01 00:00:00.5") == 1_577_836_800_500_000)
        #expect(CivilTime.parseTimestamp("2020-01-01 24:00") == nil)
    }

    @Test func decimalsFormatParseAndCompareAcrossScales() {
        #expect(Value.decimal(-5, scale: 2).description == "-0.05")
        #expect(Value.decimal(12345, scale: 0).description == "12345")
        #expect(Decimal128.parse("-12.3", scale: 2) == -1230)
        #expect(Decimal128.parse("1.234", scale: 2) == nil)
        #expect(Value.decimal(150, scale: 2).compare(to: .decimal(15, scale: 1)) == 0)
        #expect(Value.decimal(151, scale: 2).compare(to: .decimal(15, scale: 1))! > 0)
    }

    @Test func schemaParsing() throws {
        let schema = try Schema(parsing: "id INT64 NOT NULL, name STRING, price DECIMAL(10, 2), ts TIMESTAMP")
        #expect(schema.fields == [Field("id", .int64, nullable: false), Field("name", .string),
                                  Field("price", .decimal(precision: 10, scale: 2)), Field("ts", .timestamp)])
        #expect(throws: SluiceError.self) { try Schema(parsing: "id WHAT") }
        #expect(throws: SluiceError.self) { try Schema(parsing: "id INT64, id STRING") }
        #expect(throws: SluiceError.self) { try Schema(parsing: "DECIMAL(50,2)") }
    }

    @Test func predicatesParseAndDecideFromStatistics() throws {
        let predicate = try ColumnPredicate(parsing: "name = 'O''Brien'")
        #expect(predicate == ColumnPredicate(column: "name", .equal, .string("O'Brien")))
        #expect(try ColumnPredicate(parsing: "d >= 2024-01-31").literal(as: .date) == .date(19_753))
        #expect(try ColumnPredicate(parsing: "x<>3").op == .notEqual)
        #expect(throws: SluiceError.self) { try ColumnPredicate(parsing: "just text") }
        let greater = try ColumnPredicate(parsing: "x > 10")
        #expect(!greater.mayMatch(min: .int64(0), max: .int64(10), literal: .int64(10)))
        #expect(greater.mayMatch(min: .int64(0), max: .int64(11), literal: .int64(10)))
        let equal = try ColumnPredicate(parsing: "x = 5")
        #expect(!equal.mayMatch(min: .int64(6), max: .int64(9), literal: .int64(5)))
        let notEqual = try ColumnPredicate(parsing: "x != 5")
        #expect(!notEqual.mayMatch(min: .int64(5), max: .int64(5), literal: .int64(5)))
    }

    @Test func batchesFilterTakeAndBuildFromValues() throws {
        let schema = Schema([Field("id", .int64), Field("name", .string)])
        let batch = RecordBatch(schema: schema, columns: [
            try Column(type: .int64, [.int64(1), .null, .int64(3)]),
            try Column(type: .string, [.string("a"), .string("b"), .null]),
        ])
        let filtered = try batch.filter(try ColumnPredicate(parsing: "id >= 2"))
        #expect(filtered.rowCount == 1)
        #expect(filtered.row(0) == [.int64(3), .null])
        #expect(batch.take([2, 0]).row(1) == [.int64(1), .string("a")])
        #expect(throws: SluiceError.self) { try Column(type: .int32, [.string("x")]) }
    }
}
