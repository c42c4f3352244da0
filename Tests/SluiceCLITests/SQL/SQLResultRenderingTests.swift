import SQL
import SluiceCore
import Testing
@testable import SluiceCommandLine

/// Query results as the `sql` command prints them, in every format.
@Suite struct SQLResultRenderingTests {
    private static let schema = Schema([
        Field("id", .int32), Field("city", .string), Field("price", .decimal(precision: 10, scale: 2)),
        Field("day", .date), Field("ok", .boolean), Field("ratio", .float64),
    ])

    private static func cities() throws -> QueryResult {
        let day = CivilTime.parseDate("2024-03-01")!
        return try SQLTestData.result(schema, [
            [.int32(1), .string("東京"), .decimal(1250, scale: 2), .date(day), .boolean(true), .float64(0.5)],
            [.int32(-20), .string("Zürich | \"ZH\",\nCH"), .null, .null, .boolean(false), .null],
            [.null, .string("🍕"), .decimal(-5, scale: 2), .date(day + 1), .null, .float64(-1.25)],
        ])
    }

    private func rendered(_ result: QueryResult, _ format: OutputFormat, widthMax: Int = 120) -> String {
        let captured = CapturedOutput()
        let runner = SQLStatementRunner(executor: FakeSQLExecutor(), output: captured.output, format: format, tableWidthMax: widthMax)
        runner.write(result)
        #expect(captured.errors.isEmpty)
        return captured.standard
    }

    @Test func tableShowsNamesTypesAlignedValuesAndNulls() throws {
        #expect(rendered(try Self.cities(), .table) == """
            ┌───────┬────────────────────┬───────────────┬────────────┬─────────┬─────────┐
            │  id   │        city        │     price     │    day     │   ok    │  ratio  │
            │ int32 │       string       │ decimal(10,2) │    date    │ boolean │ float64 │
            ├───────┼────────────────────┼───────────────┼────────────┼─────────┼─────────┤
            │     1 │ 東京               │         12.50 │ 2024-03-01 │ true    │     0.5 │
            │   -20 │ Zürich | "ZH",\\nCH │          NULL │ NULL       │ false   │    NULL │
            │  NULL │ 🍕                 │         -0.05 │ 2024-03-02 │ NULL    │   -1.25 │
            └───────┴────────────────────┴───────────────┴────────────┴─────────┴─────────┘
            3 rows

            """)
    }

    @Test func csvQuotesAsRFC4180() throws {
        #expect(rendered(try Self.cities(), .csv) == """
            id,city,price,day,ok,ratio
            1,東京,12.50,2024-03-01,true,0.5
            -20,"Zürich | ""ZH"",
            CH",,,false,
            ,🍕,-0.05,2024-03-02,,-1.25

            """)
    }

    @Test func jsonIsOneObjectPerLine() throws {
        #expect(rendered(try Self.cities(), .json) == """
            {"id":1,"city":"東京","price":12.50,"day":"2024-03-01","ok":true,"ratio":0.5}
            {"id":-20,"city":"Zürich | \\"ZH\\",\\nCH","price":null,"day":null,"ok":false,"ratio":null}
            {"id":null,"city":"🍕","price":-0.05,"day":"2024-03-02","ok":null,"ratio":-1.25}

            """)
    }

    @Test func markdownAlignsNumbersRightAndEscapesPipes() throws {
        #expect(rendered(try Self.cities(), .markdown) == """
            | id | city | price | day | ok | ratio |
            |---:|---|---:|---|---|---:|
            | 1 | 東京 | 12.50 | 2024-03-01 | true | 0.5 |
            | -20 | Zürich \\| "ZH",<br>CH | NULL | NULL | false | NULL |
            | NULL | 🍕 | -0.05 | 2024-03-02 | NULL | -1.25 |

            """)
    }

    @Test func emptyResultsKeepTheirHeader() {
        let schema = Schema([Field("a", .int64), Field("b|c", .string)])
        let empty = QueryResult(schema: schema, batches: [])
        #expect(rendered(empty, .markdown) == "| a | b\\|c |\n|---:|---|\n")
        #expect(rendered(empty, .csv) == "a,b|c\n")
        #expect(rendered(empty, .json) == "")
        #expect(rendered(empty, .table).hasSuffix("└───────┴────────┘\n0 rows\n"))
    }

    @Test func statementsWithoutRowsPrintTheirMessage() {
        for format in OutputFormat.allCases {
            #expect(rendered(QueryResult(schema: Schema([]), batches: [], message: "INSERT 3"), format) == "INSERT 3\n")
            #expect(rendered(QueryResult(schema: Schema([]), batches: [], message: nil), format) == "")
        }
    }

    @Test func longResultsShowTheFirstAndLast20Rows() throws {
        let schema = Schema([Field("n", .int64)])
        let batches = stride(from: 0, to: 1000, by: 300).map { start in
            RecordBatch(schema: schema, columns: [Column(type: .int64, values: .int64(Array(Int64(start)..<Int64(min(start + 300, 1000)))))])
        }
        let text = rendered(QueryResult(schema: schema, batches: batches), .table)
        let cells = text.split(separator: "\n").filter { $0.hasPrefix("│") }.dropFirst(2).map { $0.filter { !" │".contains($0) } }
        let expected: [String] = (0..<20).map { String($0) } + ["·"] + (980..<1000).map { String($0) }
        #expect(cells == expected)
        #expect(text.hasSuffix("└───────┘\n1000 rows (40 shown)\n"))
        // Other formats print every row.
        #expect(rendered(QueryResult(schema: schema, batches: batches), .csv).split(separator: "\n").count == 1001)
    }

    @Test func wideResultsDropMiddleColumnsToFitTheWidth() throws {
        let schema = Schema((0..<30).map { Field("column_\($0)", .int64) })
        let row: [Value] = (0..<30).map { .int64(Int64($0)) }
        let text = rendered(try SQLTestData.result(schema, [row]), .table, widthMax: 80)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { TerminalText.displayWidth($0) <= 80 }, "\(text)")
        // Columns are 8 or 9 wide (11 or 12 with borders): 6 fit beside the `…` column, 3 from each end.
        #expect(lines[1] == "│ column_0 │ column_1 │ column_2 │ … │ column_27 │ column_28 │ column_29 │")
        #expect(lines[2] == "│  int64   │  int64   │  int64   │ … │   int64   │   int64   │   int64   │")
        #expect(lines[4] == "│        0 │        1 │        2 │ … │        27 │        28 │        29 │")
        #expect(lines.last == "1 row  30 columns (6 shown)")
        // Without a bound, every column is printed.
        let unbounded = ResultRenderer.render(try SQLTestData.result(schema, [row]).batches, schema: schema, format: .table)
        #expect(unbounded.split(separator: "\n")[1].split(separator: "│").count == 30)
    }

    @Test func aSingleColumnTooWideIsNarrowed() throws {
        let schema = Schema([Field("text", .string)])
        let text = rendered(try SQLTestData.result(schema, [[.string(String(repeating: "x", count: 40))]]), .table, widthMax: 20)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[4] == "│ xxxxxxxxxxxxxxx… │")
        #expect(lines.dropLast().allSatisfy { TerminalText.displayWidth($0) == 20 })
    }

    @Test func columnLayoutKeepsColumnsFromBothEnds() {
        let layout = ColumnLayout(widths: [5, 5, 30, 5, 5], tableWidthMax: 40)
        #expect(layout.hiddenColumnCount == 1)
        #expect(layout.cells(["a", "b", "c", "d", "e"]) == ["a", "b", "…", "d", "e"])
        #expect(layout.widths == [5, 5, 1, 5, 5])
        #expect(ColumnLayout.tableWidth(layout.widths) <= 40)
        let fits = ColumnLayout(widths: [5, 5], tableWidthMax: 17)
        #expect(fits.hiddenColumnCount == 0 && fits.cells(["a", "b"]) == ["a", "b"])
        let narrow = ColumnLayout(widths: [30, 30, 30], tableWidthMax: 20)
        #expect(narrow.cells(["a", "b", "c"]) == ["a", "…"] && narrow.widths == [12, 1])
    }
}
