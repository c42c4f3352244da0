import SQL
import SluiceCore
import Testing

/// The sqllogictest reader, value formatting and comparison on their own, with a fake engine.
@Suite struct SLTHarnessTests {
    @Test func readsStatementsQueriesAndConditions() throws {
        let text = """
            # a comment
            statement ok
            CREATE TABLE t
              (a INT)

            statement error Division By Zero
            SELECT 1 % 0

            onlyif sluice
            query IT rowsort
            SELECT a, b
            FROM t
            ----
            1\tx y
            NULL\t(empty)

            query T
            SELECT 'a b'
            ----
            a b

            query II nosort
            SELECT 1, 2
            ----
            1   2
            """
        let file = try SLTFile(name: "t.slt", text: text)
        #expect(file.records.count == 5)
        #expect(file.records[0] == SLTRecord(line: 2, sql: "CREATE TABLE t\n  (a INT)", expectation: .succeeds))
        #expect(file.records[1].expectation == .fails(messageSubstring: "Division By Zero"))
        #expect(file.records[2].line == 10 && file.records[2].sql == "SELECT a, b\nFROM t")
        #expect(file.records[2].expectation == .rows(columnTypes: ["I", "T"], isRowSorted: true, expected: [["1", "x y"], ["NULL", "(empty)"]]))
        #expect(file.records[2].applies(to: "sluice") && !file.records[2].applies(to: "duckdb"))
        #expect(file.records[3].expectation == .rows(columnTypes: ["T"], isRowSorted: false, expected: [["a b"]]))
        #expect(file.records[4].expectation == .rows(columnTypes: ["I", "I"], isRowSorted: false, expected: [["1", "2"]]))
        #expect(file.records[4].applies(to: "duckdb"))
    }

    @Test func rejectsMalformedRecords() {
        #expect(throws: SluiceError.self) { try SLTFile(name: "x", text: "query IX\nSELECT 1\n----\n1\n") }
        #expect(throws: SluiceError.self) { try SLTFile(name: "x", text: "query I\nSELECT 1\n") }
        #expect(throws: SluiceError.self) { try SLTFile(name: "x", text: "query II\nSELECT 1, 2\n----\n1\n") }
        #expect(throws: SluiceError.self) { try SLTFile(name: "x", text: "statment ok\nSELECT 1\n") }
    }

    @Test func formatsValuesByColumnType() {
        #expect(SLTValueFormatter.text(.null, columnType: "I") == "NULL")
        #expect(SLTValueFormatter.text(.string(""), columnType: "T") == "(empty)")
        #expect(SLTValueFormatter.text(.int64(7), columnType: "I") == "7")
        #expect(SLTValueFormatter.text(.int64(7), columnType: "R") == "7.000")
        #expect(SLTValueFormatter.text(.float64(2.0 / 3.0), columnType: "I") == "0.667")
        #expect(SLTValueFormatter.text(.decimal(350, scale: 2), columnType: "T") == "3.50")
        #expect(SLTValueFormatter.text(.decimal(-12346, scale: 4), columnType: "R") == "-1.235")
        #expect(SLTValueFormatter.text(.date(10_471), columnType: "T") == "1998-09-02")
        #expect(SLTValueFormatter.text(.timestamp(1_500_000), columnType: "T") == "1970-01-01 00:00:01.5")
        #expect(SLTValueFormatter.text(.boolean(false), columnType: "T") == "false")
        #expect(SLTValueFormatter.text(.float64(-.infinity), columnType: "R") == "-inf")
    }

    @Test func runsRecordsAgainstAnEngineAndReportsWhereTheyFail() throws {
        let text = """
            statement ok
            CREATE TABLE t (a INT)

            statement error not found
            SELECT * FROM missing

            query I rowsort
            SELECT a FROM t
            ----
            2
            1

            query I
            SELECT a FROM t
            ----
            2
            1

            skipif sluice
            query I
            SELECT 'never run'
            ----
            0

            statement error
            SELECT 'no error here'
            """
        let schema = Schema([Field("a", .int64)])
        let rows = try RecordBatch(schema: schema, columns: [Column(type: .int64, [.int64(1), .int64(2)])])
        let executor = SLTExecutor { sql in
            if sql.contains("missing") { throw SluiceError.userInput("table missing not found") }
            return QueryResult(schema: schema, batches: sql.hasPrefix("SELECT a") ? [rows] : [])
        }
        let failures = SLTRunner(file: try SLTFile(name: "f.slt", text: text), executor: executor, testDirectory: "/tmp/x").run()
        #expect(failures.map(\.line) == [13, 25])
        #expect(failures.first?.message.contains("row 1: got \"1\", expected \"2\"") == true)
        #expect(failures.last?.message == "expected an error, but it succeeded")
    }
}
