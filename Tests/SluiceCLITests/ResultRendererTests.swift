import SluiceCore
import Testing
@testable import SluiceCommandLine

@Suite struct ResultRendererTests {
    private let schema = Schema([
        Field("id", .int64), Field("name", .string), Field("price", .decimal(precision: 10, scale: 2)),
        Field("day", .date), Field("at", .timestamp), Field("ok", .boolean), Field("ratio", .float64), Field("raw", .binary),
    ])

    private func batch() throws -> RecordBatch {
        let day = CivilTime.parseDate("2024-03-01")!
        let at = CivilTime.parseTimestamp("2024-03-01T08:00:00.158Z")!
        let rows: [[Value]] = [
            [.int64(1), .string("Anna"), .decimal(1250, scale: 2), .date(day), .timestamp(at), .boolean(true), .float64(0.5), .binary([0xCA, 0xFE])],
            [.int64(-20), .string("say \"hi\", then\nleave"), .null, .null, .null, .boolean(false), .float64(.infinity), .null],
            [.null, .string(""), .decimal(-5, scale: 2), .null, .null, .null, .null, .binary([])],
        ]
        let columns = try schema.fields.indices.map { column in
            try Column(type: schema.fields[column].type, rows.map { $0[column] })
        }
        return RecordBatch(schema: schema, columns: columns)
    }

    // MARK: - CSV

    @Test func csvQuotesOnlyWhenNeeded() throws {
        let text = ResultRenderer.render([try batch()], schema: schema, format: .csv)
        #expect(text == """
            id,name,price,day,at,ok,ratio,raw
            1,Anna,12.50,2024-03-01,2024-03-01 08:00:00.158,true,0.5,cafe
            -20,"say ""hi"", then
            leave",,,,false,inf,
            ,"",-0.05,,,,,

            """)
    }

    @Test func csvOfAnEmptyResultIsTheHeader() {
        let schema = Schema([Field("a,b", .int64), Field("c", .string)])
        #expect(ResultRenderer.render([], schema: schema, format: .csv) == "\"a,b\",c\n")
    }

    // MARK: - JSON

    @Test func jsonLinesEscapeAndKeepTypes() throws {
        let text = ResultRenderer.render([try batch()], schema: schema, format: .json)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines[3].isEmpty)
        #expect(lines[0] == #"{"id":1,"name":"Anna","price":12.50,"day":"2024-03-01","at":"2024-03-01T08:00:00.158Z","ok":true,"ratio":0.5,"raw":"cafe"}"#)
        #expect(lines[1] == #"{"id":-20,"name":"say \"hi\", then\nleave","price":null,"day":null,"at":null,"ok":false,"ratio":null,"raw":null}"#)
        #expect(lines[2] == #"{"id":null,"name":"","price":-0.05,"day":null,"at":null,"ok":null,"ratio":null,"raw":""}"#)
    }

    @Test func jsonEscapesControlCharactersAndKeysAndKeepsUnicode() {
        #expect(JSONLinesFormatter.quoted("a\u{1}b\\é🍕\t") == #""a\u0001b\\é🍕\t""#)
        let schema = Schema([Field("we\"ird", .float64)])
        let batch = RecordBatch(schema: schema, columns: [Column(type: .float64, values: .float64([1e20, -0.0, 1e-7]))])
        #expect(ResultRenderer.render([batch], schema: schema, format: .json) == """
            {"we\\"ird":1e+20}
            {"we\\"ird":-0.0}
            {"we\\"ird":1e-07}

            """)
    }

    // MARK: - Table

    @Test func tableAlignsNumbersAndShowsNull() throws {
        let schema = Schema([Field("id", .int64), Field("name", .string)])
        let batch = RecordBatch(schema: schema, columns: [
            try Column(type: .int64, [.int64(1), .null, .int64(12345)]),
            try Column(type: .string, [.string("Anna"), .null, .string("東京")]),
        ])
        #expect(ResultRenderer.render([batch], schema: schema, format: .table) == """
            ┌───────┬────────┐
            │  id   │  name  │
            │ int64 │ string │
            ├───────┼────────┤
            │     1 │ Anna   │
            │  NULL │ NULL   │
            │ 12345 │ 東京   │
            └───────┴────────┘
            3 rows

            """)
    }

    @Test func tableCutsLongCellsAndEscapesLineBreaks() throws {
        let schema = Schema([Field("note", .string)])
        let batch = RecordBatch(schema: schema, columns: [
            try Column(type: .string, [.string("line one\nline two is long")]),
        ])
        let text = ResultRenderer.render([batch], schema: schema, format: .table,
                                         tableOptions: .init(cellWidthMax: 12))
        #expect(text == """
            ┌──────────────┐
            │     note     │
            │    string    │
            ├──────────────┤
            │ line one\\nl… │
            └──────────────┘
            1 row

            """)
    }

    @Test func tableShowsFirstAndLastRowsPastTheLimit() throws {
        let schema = Schema([Field("n", .int64)])
        // Three batches so the kept rows straddle batch boundaries.
        let batches = [0..<7, 7..<9, 9..<25].map { range in
            RecordBatch(schema: schema, columns: [Column(type: .int64, values: .int64(range.map(Int64.init)))])
        }
        let text = ResultRenderer.render(batches, schema: schema, format: .table, tableOptions: .init(rowLimit: 5))
        #expect(text == """
            ┌───────┐
            │   n   │
            │ int64 │
            ├───────┤
            │     0 │
            │     1 │
            │     2 │
            │   ·   │
            │    23 │
            │    24 │
            └───────┘
            25 rows (5 shown)

            """)
    }

    @Test func tableJustOverTheLimitTakesTheTailFromTheHead() throws {
        let schema = Schema([Field("n", .int64)])
        let batch = RecordBatch(schema: schema, columns: [Column(type: .int64, values: .int64(Array(0..<6)))])
        let text = ResultRenderer.render([batch], schema: schema, format: .table, tableOptions: .init(rowLimit: 4))
        let shown = text.split(separator: "\n").filter { $0.hasPrefix("│") }.dropFirst(2).map { $0.filter { !" │".contains($0) } }
        #expect(shown == ["0", "1", "·", "4", "5"])
        #expect(text.hasSuffix("6 rows (4 shown)\n"))
    }

    @Test func emptyTable() {
        let schema = Schema([Field("a", .string)])
        #expect(ResultRenderer.render([], schema: schema, format: .table) == """
            ┌────────┐
            │   a    │
            │ string │
            ├────────┤
            └────────┘
            0 rows

            """)
    }

    @Test func sinkGetsCSVBatchByBatch() throws {
        let schema = Schema([Field("n", .int64)])
        var pieces: [String] = []
        var renderer = ResultRenderer(format: .csv, schema: schema) { pieces.append($0) }
        renderer.append(RecordBatch(schema: schema, columns: [Column(type: .int64, values: .int64([1, 2]))]))
        renderer.append(RecordBatch(schema: schema, columns: [Column(type: .int64, values: .int64([3]))]))
        renderer.finish()
        #expect(pieces == ["n\n1\n2\n", "3\n"])
    }

    @Test func displayWidthCountsWideAndCombiningCharacters() {
        #expect(TerminalText.displayWidth("abc") == 3)
        #expect(TerminalText.displayWidth("東京") == 4)
        #expect(TerminalText.displayWidth("e\u{301}") == 1)
        #expect(TerminalText.truncated("東京都新宿区", toWidth: 5) == "東京…")
    }

    @Test func formatsParseFromTheirNames() {
        #expect(OutputFormat(rawValue: "json") == .json)
        #expect(OutputFormat.allCases.map(\.rawValue) == ["table", "csv", "json", "markdown"])
    }
}
