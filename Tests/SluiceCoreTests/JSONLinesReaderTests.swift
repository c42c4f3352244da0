import Testing
@testable import SluiceCore

@Suite struct JSONLinesReaderTests {
    private func reader(_ text: String, _ options: JSONLinesOptions = .init()) throws -> JSONLinesReader {
        try JSONLinesReader(fileSystem: TextTestFileSystem(["/t.jsonl": text]), path: "/t.jsonl", options: options)
    }

    private func rows(_ text: String, _ options: JSONLinesOptions = .init()) throws -> [[Value]] {
        var reader = try reader(text, options)
        return try readAllRows { try reader.next() }.rows
    }

    private func readError(_ text: String, _ options: JSONLinesOptions = .init()) -> SluiceError? {
        sluiceError {
            var reader = try reader(text, options)
            _ = try readAllRows { try reader.next() }
        }
    }

    // MARK: - Inference

    @Test func infersColumnsInFirstSeenOrder() throws {
        let text = """
            {"id": 1, "score": 2, "ok": true, "day": "2024-01-31", "at": "2024-01-31T10:00:00Z", "name": "Anna"}
            {"name": "Ben", "id": 2, "score": 2.5, "ok": false, "day": null, "at": "2024-02-01", "extra": [1, {"a": "}"}]}
            {}

            """
        var reader = try reader(text)
        #expect(reader.schema == Schema([
            Field("id", .int64), Field("score", .float64), Field("ok", .boolean), Field("day", .date),
            Field("at", .timestamp), Field("name", .string), Field("extra", .string),
        ]))
        let rows = try readAllRows { try reader.next() }.rows
        #expect(rows == [
            [.int64(1), .float64(2), .boolean(true), .date(CivilTime.parseDate("2024-01-31")!),
             .timestamp(CivilTime.parseTimestamp("2024-01-31T10:00:00Z")!), .string("Anna"), .null],
            [.int64(2), .float64(2.5), .boolean(false), .null, .timestamp(CivilTime.parseTimestamp("2024-02-01 00:00")!),
             .string("Ben"), .string("[1, {\"a\": \"}\"}]")],
            [Value](repeating: .null, count: 7),
        ])
    }

    @Test func mixedKindsBecomeText() throws {
        var reader = try reader("{\"a\": 1, \"b\": \"12\", \"c\": true, \"d\": null}\n{\"a\": \"x\", \"b\": 3, \"c\": 1.5e3}\n")
        #expect(reader.schema.fields.map(\.type) == [.string, .string, .string, .string])
        let rows = try readAllRows { try reader.next() }.rows
        #expect(rows == [[.string("1"), .string("12"), .string("true"), .null],
                         [.string("x"), .string("3"), .string("1.5e3"), .null]])
    }

    @Test func numberKindsAndLimits() throws {
        let rows = try rows("{\"big\": 9223372036854775807, \"huge\": 9223372036854775808, \"neg\": -0, \"exp\": 1E2}\n")
        #expect(rows == [[.int64(Int64.max), .float64(9_223_372_036_854_775_808), .int64(0), .float64(100)]])
    }

    // MARK: - Strings

    @Test func escapesAreDecoded() throws {
        let line = #"{"s": "q\"b\\s\/n\nt\tu\u00e9\u4e2d p\ud83c\udf55 \b\f\r", "k\u0065y": "v"}"# + "\n"
        let rows = try rows(line)
        #expect(rows == [[.string("q\"b\\s/n\nt\tué中 p🍕 \u{8}\u{c}\r"), .string("v")]])
        var reader = try reader(line)
        #expect(reader.schema.fields.map(\.name) == ["s", "key"])
        _ = try reader.next()
    }

    @Test func rawUnicodeIsKept() throws {
        #expect(try rows("{\"city\": \"Zürich 東京\"}\r\n") == [[.string("Zürich 東京")]])
    }

    @Test func badEscapesAreErrors() throws {
        let lone = try #require(readError(#"{"s": "x\ud83c y"}"# + "\n"))
        #expect(lone.message.contains("surrogate"))
        #expect(lone.location == SourceLocation(file: "/t.jsonl", line: 1, column: 9))
        #expect(readError(#"{"s": "\udc00"}"#)?.message.contains("low surrogate") == true)
        #expect(readError(#"{"s": "\q"}"#)?.message == "unknown escape '\\q'")
        #expect(readError(#"{"s": "\u12g4"}"#)?.message == "'\\u' escape needs four hex digits")
        #expect(readError("{\"s\": \"tab\there\"}")?.message == "control character in a string; it must be escaped")
    }

    // MARK: - Malformed lines

    @Test func syntaxErrorsNameLineAndCharacterColumn() throws {
        let error = try #require(readError("{\"a\": 1}\n\n{\"é\": 1 \"b\": 2}\n"))
        #expect(error.fault == .data)
        #expect(error.message == "expected ',' or '}' after a value")
        // The column counts characters: é is two bytes but one column.
        #expect(error.location == SourceLocation(file: "/t.jsonl", line: 3, column: 9))
        #expect(error.description == "data error: /t.jsonl, line 3, column 9: expected ',' or '}' after a value")
    }

    @Test(arguments: [
        ("[1, 2]", "expected a JSON object, one per line"),
        ("{\"a\": 1} x", "text after the end of the object"),
        ("{\"a\": 1,}", "expected a quoted key"),
        ("{\"a\" 1}", "expected ':' after the key"),
        ("{\"a\": }", "unexpected character '}'"),
        ("{\"a\": tru}", "unexpected text; expected 'true'"),
        ("{\"a\": 01}", "numbers cannot have leading zeros"),
        ("{\"a\": 1.}", "malformed number: digits must follow '.'"),
        ("{\"a\": \"open}", "string is not closed before the end of the line"),
        ("{\"a\": [1, 2}", "expected ',' or ']'"),
        ("{\"a\": {\"b\": 1", "object is not closed before the end of the line"),
        ("{\"a\":", "expected a value at the end of the line"),
    ])
    func malformedLines(line: String, message: String) throws {
        let error = try #require(readError(line + "\n"))
        #expect(error.message == message)
        #expect(error.location?.line == 1)
    }

    @Test func deepNestingIsRefused() throws {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(readError("{\"a\": \(deep)}")?.message.hasPrefix("nesting deeper than") == true)
    }

    @Test func repeatedKeyIsAnError() throws {
        let error = try #require(readError("{\"a\": 1}\n{\"a\": 1, \"a\": 2}\n"))
        #expect(error.message == "key 'a' appears twice in the object")
        #expect(error.location == SourceLocation(file: "/t.jsonl", line: 2, column: 10, field: "a"))
    }

    // MARK: - Given schema and sampling

    @Test func givenSchemaMatchesKeysByNameAndIgnoresOthers() throws {
        let schema = try Schema(parsing: "id INT32, price DECIMAL(8,2), tags STRING, day DATE")
        let rows = try rows("{\"other\": 5, \"price\": 12.5, \"id\": 7, \"tags\": [\"a\"], \"day\": \"2024-03-01\"}\n{\"id\": 8}\n",
                            JSONLinesOptions(schema: schema))
        #expect(rows == [[.int32(7), .decimal(1250, scale: 2), .string("[\"a\"]"), .date(CivilTime.parseDate("2024-03-01")!)],
                         [.int32(8), .null, .null, .null]])
    }

    @Test func valueThatDoesNotFitTheSchemaNamesItsPlace() throws {
        let schema = try Schema(parsing: "id INT64, when DATE")
        let error = try #require(readError("{\"id\": 1, \"when\": \"2024-01-01\"}\n{\"id\": \"abc\"}\n", JSONLinesOptions(schema: schema)))
        #expect(error.message == "'abc' is not an INT64")
        #expect(error.location == SourceLocation(file: "/t.jsonl", line: 2, column: 8, field: "id"))
        let nested = try #require(readError("{\"when\": {\"y\": 2024}}\n", JSONLinesOptions(schema: schema)))
        #expect(nested.message == "'{\"y\": 2024}' is not a DATE")
    }

    @Test func notNullColumnsNeedValues() throws {
        let schema = try Schema(parsing: "id INT64 NOT NULL, name STRING")
        let missing = try #require(readError("{\"name\": \"x\"}\n", JSONLinesOptions(schema: schema)))
        #expect(missing.message == "no value for the NOT NULL column 'id'")
        let null = try #require(readError("{\"id\": null}\n", JSONLinesOptions(schema: schema)))
        #expect(null.message == "null in a NOT NULL column")
        #expect(null.location?.column == 8)
    }

    @Test func sampledInferenceChecksLaterLines() throws {
        let options = JSONLinesOptions(inferenceRowCount: 1)
        let newKey = try #require(readError("{\"a\": 1}\n{\"a\": 2, \"b\": 3}\n", options))
        #expect(newKey.message.hasPrefix("key 'b' is not in the first 1 lines"))
        let newType = try #require(readError("{\"a\": 1}\n{\"a\": 2.5}\n", options))
        #expect(newType.message.hasPrefix("'2.5' is not an INT64 (the type was inferred from the first 1 rows"))
    }

    // MARK: - Streaming

    @Test func chunkBoundariesDoNotChangeTheResult() throws {
        var random = SeededRandomGenerator(seed: 99)
        let values = ["1", "-2.5e3", "true", "null", "\"x\"", "\"q\\\"\\u00e9\\ud83c\\udf55\"", "\"2024-02-29\"", "[1, {\"k\": \"]\"}]", "\"\""]
        var text = ""
        for index in 0..<150 {
            var members: [String] = []
            for key in ["a", "b", "c", "é"] where random.next() % 4 != 0 {
                members.append("\"\(key)\": \(values[Int(random.next() % UInt64(values.count))])")
            }
            if index % 2 == 1 { members.reverse() }
            text += "{" + members.joined(separator: ", ") + "}" + (random.next() % 3 == 0 ? "\r\n" : "\n")
            if random.next() % 10 == 0 { text += "  \n" }
        }
        var reference = try reader(text, JSONLinesOptions(batchRowCount: 1000))
        let expected = try readAllRows { try reference.next() }.rows
        #expect(expected.count == 150)
        for chunkSize in [1, 2, 3, 5, 8, 13, 100] {
            var reader = try reader(text, JSONLinesOptions(batchRowCount: 17, readChunkSizeBytes: chunkSize))
            #expect(reader.schema == reference.schema)
            let (rows, sizes) = try readAllRows { try reader.next() }
            #expect(rows == expected, "chunk size \(chunkSize)")
            #expect(sizes.dropLast().allSatisfy { $0 == 17 })
        }
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}\n".utf8)
        let reader = try JSONLinesReader(fileSystem: TextTestFileSystem(bytes: ["/b.jsonl": bytes]), path: "/b.jsonl")
        #expect(reader.schema == Schema([Field("a", .int64)]))
    }

    // MARK: - Sample data set

    @Test func readsTheClicksDataset() throws {
        var reader = try JSONLinesReader(fileSystem: LocalFileSystem(), path: datasetPath("clicks.jsonl"),
                                         options: JSONLinesOptions(batchRowCount: 1000, readChunkSizeBytes: 20_000))
        #expect(reader.schema == Schema([
            Field("user_id", .int64), Field("page", .string), Field("event_time", .timestamp),
            Field("duration_ms", .int64), Field("device", .string), Field("referrer", .string), Field("utm", .string),
        ]))
        let (rows, sizes) = try readAllRows { try reader.next() }
        #expect(sizes == [1000, 1000, 1000])
        #expect(rows.contains { $0[1] == .string("/search?q=🍕 oven") })
        #expect(rows.contains { $0[6] == .string("{\"source\": \"social\", \"campaign\": \"launch\"}") })
        #expect(rows.contains { $0[5] == .null })
        let times = rows.compactMap { row -> Int64? in
            if case .timestamp(let micros) = row[2] { return micros }
            return nil
        }
        #expect(times.count == 3000)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 < $1 })
    }
}
