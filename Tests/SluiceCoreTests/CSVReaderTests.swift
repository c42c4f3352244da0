import Testing
@testable import SluiceCore

@Suite struct CSVReaderTests {
    private func reader(_ text: String, _ options: CSVOptions = .init()) throws -> CSVReader {
        try CSVReader(fileSystem: TextTestFileSystem(["/t.csv": text]), path: "/t.csv", options: options)
    }

    private func rows(_ text: String, _ options: CSVOptions = .init()) throws -> [[Value]] {
        var reader = try reader(text, options)
        return try readAllRows { try reader.next() }.rows
    }

    private func types(_ reader: CSVReader) -> [DataType] { reader.schema.fields.map(\.type) }

    // MARK: - Inference

    @Test func infersTheNarrowestTypePerColumn() throws {
        let text = """
            id,price,day,seen,ok,name,blank
            1,2.5,2024-01-31,2024-01-31T10:00:00Z,true,Anna,
            -7,3,2023-12-01,2024-02-01 08:30:15.25,FALSE,Ben,
            ,,,,,,

            """
        var reader = try reader(text)
        #expect(reader.schema.fields.map(\.name) == ["id", "price", "day", "seen", "ok", "name", "blank"])
        #expect(types(reader) == [.int64, .float64, .date, .timestamp, .boolean, .string, .string])
        #expect(reader.schema.fields.allSatisfy { $0.isNullable })
        let batch = try #require(try reader.next())
        #expect(batch.rowCount == 3)
        #expect(batch.row(0) == [.int64(1), .float64(2.5), .date(CivilTime.parseDate("2024-01-31")!),
                                 .timestamp(CivilTime.parseTimestamp("2024-01-31T10:00:00Z")!), .boolean(true),
                                 .string("Anna"), .null])
        #expect(batch.row(1)[1] == .float64(3))
        #expect(batch.row(1)[3] == .timestamp(CivilTime.parseTimestamp("2024-02-01 08:30:15.25")!))
        #expect(batch.row(2) == [Value](repeating: .null, count: 7))
        #expect(try reader.next() == nil)
    }

    @Test func mixedDatesAndTimestampsBecomeTimestamps() throws {
        let rows = try rows("t\n2024-01-01\n2024-01-01T12:00\n")
        #expect(rows == [[.timestamp(CivilTime.parseTimestamp("2024-01-01 00:00")!)],
                         [.timestamp(CivilTime.parseTimestamp("2024-01-01 12:00")!)]])
    }

    @Test func leadingZerosAndOddNumbersStayText() throws {
        let reader = try reader("zip,phone,mixed,spaced,hex\n02134,0044,1,  5,0x10\n10001,12,a,6,1\n")
        #expect(types(reader) == [.string, .string, .string, .string, .string])
    }

    @Test func specialFloatWordsAndZero() throws {
        let reader = try reader("x,y\n0,nan\n0.5,-Infinity\n")
        #expect(types(reader) == [.float64, .float64])
    }

    @Test func timestampsWithNanosecondsParse() throws {
        // Nine fraction digits once trapped in CivilTime's padding loop.
        let rows = try rows("t\n2024-05-06T07:08:09.123456789Z\n")
        #expect(rows == [[.timestamp(CivilTime.parseTimestamp("2024-05-06T07:08:09.123456Z")!)]])
    }

    // MARK: - Quoting and layout

    @Test func quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws {
        let text = "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"line1\nline2\",\"crlf\r\ninside\"\r\n\"\",\r\n"
        let rows = try rows(text)
        #expect(rows == [
            [.string("x, y"), .string("say \"hi\"")],
            [.string("line1\nline2"), .string("crlf\r\ninside")],
            [.string(""), .null],
        ])
    }

    @Test func quotedNumbersAreNumbers() throws {
        var reader = try reader("n,s\n\"12\",\"\"\n\"\",\"x\"\n")
        #expect(types(reader) == [.int64, .string])
        let rows = try readAllRows { try reader.next() }.rows
        #expect(rows == [[.int64(12), .string("")], [.null, .string("x")]])
    }

    @Test func lastLineWithoutLineBreakAndBlankLines() throws {
        #expect(try rows("a,b\n\n1,2\r\n\n3,4") == [[.int64(1), .int64(2)], [.int64(3), .int64(4)]])
        #expect(try rows("a\n1\n\"2\"") == [[.int64(1)], [.int64(2)]])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id\n1\n".utf8)
        let reader = try CSVReader(fileSystem: TextTestFileSystem(bytes: ["/b.csv": bytes]), path: "/b.csv")
        #expect(reader.schema.fields.map(\.name) == ["id"])
    }

    @Test func otherDelimiters() throws {
        let tab = try reader("a\tb\n1\t\"x\ty\"\n", CSVOptions(delimiter: UInt8(ascii: "\t")))
        #expect(types(tab) == [.int64, .string])
        #expect(try rows("a;b\n1,5;2\n", CSVOptions(delimiter: UInt8(ascii: ";"))) == [[.string("1,5"), .int64(2)]])
    }

    @Test func headerNamesAreMadeUnique() throws {
        let reader = try reader("a,,a,a\n1,2,3,4\n")
        #expect(reader.schema.fields.map(\.name) == ["a", "column2", "a_2", "a_3"])
    }

    @Test func withoutHeaderColumnsAreNumbered() throws {
        var reader = try reader("1,x\n2,y\n", CSVOptions(hasHeader: false))
        #expect(reader.schema == Schema([Field("column1", .int64), Field("column2", .string)]))
        #expect(try readAllRows { try reader.next() }.rows.count == 2)
    }

    @Test func emptyFileHasNoColumnsAndNoRows() throws {
        var reader = try reader("")
        #expect(reader.schema.count == 0)
        #expect(try reader.next() == nil)
        var headerOnly = try self.reader("a,b\n")
        #expect(types(headerOnly) == [.string, .string])
        #expect(try headerOnly.next() == nil)
    }

    // MARK: - Given schema

    @Test func givenSchemaParsesEveryType() throws {
        let schema = try Schema(parsing: "i INT32, d DECIMAL(10,2), b BOOLEAN, t TIMESTAMP, s STRING NOT NULL, raw BINARY")
        let text = "i,d,b,t,s,raw\n-5,12.5,True,2024-01-02,\"\",ab\n7,,,,x,\n"
        var reader = try reader(text, CSVOptions(schema: schema))
        #expect(reader.schema == schema)
        let rows = try readAllRows { try reader.next() }.rows
        #expect(rows == [
            [.int32(-5), .decimal(1250, scale: 2), .boolean(true), .timestamp(CivilTime.parseTimestamp("2024-01-02 00:00")!),
             .string(""), .binary(Array("ab".utf8))],
            [.int32(7), .null, .null, .null, .string("x"), .null],
        ])
    }

    @Test func valueThatDoesNotFitTheSchemaNamesItsPlace() throws {
        let schema = try Schema(parsing: "id INT64, note STRING, n INT64")
        var reader = try reader("id,note,n\n1,\"two\nlines\",3\n2,x,abc\n", CSVOptions(schema: schema))
        let error = try #require(sluiceError { _ = try readAllRows { try reader.next() } })
        #expect(error.fault == .data)
        #expect(error.message == "'abc' is not an INT64")
        #expect(error.location == SourceLocation(file: "/t.csv", line: 4, column: 3, field: "n"))
    }

    @Test func emptyValueInNotNullColumnIsAnError() throws {
        var reader = try reader("a\n1\n\"\"\n", CSVOptions(schema: try Schema(parsing: "a INT64 NOT NULL")))
        let error = try #require(sluiceError { _ = try readAllRows { try reader.next() } })
        #expect(error.message == "empty value in a NOT NULL column")
        #expect(error.location?.line == 3)
    }

    @Test func overlongDecimalIsAnErrorNotACrash() throws {
        let digits = String(repeating: "9", count: 39)
        var reader = try reader("d\n\(digits)\n", CSVOptions(schema: try Schema(parsing: "d DECIMAL(38,0)")))
        let error = try #require(sluiceError { _ = try readAllRows { try reader.next() } })
        #expect(error.message.hasSuffix("is not a DECIMAL(38,0)"))
    }

    @Test func headerWidthMustMatchTheSchema() throws {
        let error = try #require(sluiceError { _ = try reader("a,b,c\n", CSVOptions(schema: try Schema(parsing: "a INT64, b INT64"))) })
        #expect(error.message == "the header has 3 fields, the schema has 2")
    }

    // MARK: - Malformed files

    @Test func raggedRowNamesItsLine() throws {
        let error = try #require(sluiceError { _ = try reader("a,b,c,d\n1,2,3,4\n\"x\ny\",2,3\n") })
        #expect(error.fault == .data)
        #expect(error.message == "row has 3 fields, the header has 4")
        // The row starts on line 3 and ends on line 4, where its missing fourth field belongs.
        #expect(error.location == SourceLocation(file: "/t.csv", line: 4, column: 4))
        #expect(error.description == "data error: /t.csv, line 4, column 4: row has 3 fields, the header has 4")
    }

    @Test func unclosedQuoteAtEndOfFile() throws {
        let error = try #require(sluiceError { _ = try reader("a,b\n1,2\n3,\"open\n\nmore\n") })
        #expect(error.message == "quoted field is not closed before the end of the file")
        #expect(error.location == SourceLocation(file: "/t.csv", line: 3, column: 2))
    }

    @Test func textAfterClosingQuote() throws {
        let error = try #require(sluiceError { _ = try reader("a,b\n\"x\"y,2\n") })
        #expect(error.location == SourceLocation(file: "/t.csv", line: 2, column: 1))
    }

    @Test func sampledInferenceChecksLaterRows() throws {
        var reader = try reader("n\n1\n2\nthree\n", CSVOptions(inferenceRowCount: 2))
        #expect(types(reader) == [.int64])
        let error = try #require(sluiceError { _ = try readAllRows { try reader.next() } })
        #expect(error.message.hasPrefix("'three' is not an INT64 (the type was inferred from the first 2 rows"))
        #expect(error.location?.line == 4)
    }

    @Test func invalidOptionsAreUserErrors() throws {
        let error = try #require(sluiceError { _ = try reader("a\n", CSVOptions(delimiter: UInt8(ascii: "\""))) })
        #expect(error.fault == .userInput)
        #expect(sluiceError { _ = try reader("a\n", CSVOptions(batchRowCount: 0)) }?.fault == .userInput)
    }

    // MARK: - Streaming

    @Test func batchesHoldTheRequestedRowCount() throws {
        let text = "n\n" + (1...10).map(String.init).joined(separator: "\n") + "\n"
        var reader = try reader(text, CSVOptions(batchRowCount: 4))
        let (rows, sizes) = try readAllRows { try reader.next() }
        #expect(sizes == [4, 4, 2])
        #expect(rows.map { $0[0] } == (1...10).map { .int64(Int64($0)) })
    }

    /// Seeded random CSV text with every quoting case; tiny read chunks must give the same rows
    /// as one big chunk, whichever byte a chunk boundary falls on.
    @Test func chunkBoundariesDoNotChangeTheResult() throws {
        var random = SeededRandomGenerator(seed: 20_240_611)
        let pieces = ["", "a", "b,c", "\"", "q\"q", "x\ny", "r\r\ns", "42", "-3.5", "2024-02-29", "é✓", "  "]
        var expected: [[Value]] = []
        var text = "c1,c2,c3\r\n"
        for _ in 0..<200 {
            var row: [Value] = []
            var fields: [String] = []
            for _ in 0..<3 {
                let value = pieces[Int(random.next() % UInt64(pieces.count))] + pieces[Int(random.next() % UInt64(pieces.count))]
                let quote = value.isEmpty ? random.next() % 2 == 0 : random.next() % 3 == 0
                // Bytes, not Characters: "\r\n" is one Character and would hide both.
                let needsQuotes = value.utf8.contains { [UInt8(ascii: ","), UInt8(ascii: "\""), 10, 13].contains($0) }
                if needsQuotes || quote {
                    fields.append("\"" + value.replacingAll("\"", with: "\"\"") + "\"")
                    row.append(.string(value))
                } else {
                    fields.append(value)
                    row.append(value.isEmpty ? .null : .string(value))
                }
            }
            expected.append(row)
            text += fields.joined(separator: ",") + (random.next() % 2 == 0 ? "\n" : "\r\n")
        }
        let schema = try Schema(parsing: "c1 STRING, c2 STRING, c3 STRING")
        for chunkSize in [1, 2, 3, 5, 7, 64, 1 << 20] {
            let options = CSVOptions(schema: schema, batchRowCount: 33, readChunkSizeBytes: chunkSize)
            #expect(try rows(text, options) == expected, "chunk size \(chunkSize)")
        }
        let inferred = try reader(text, CSVOptions(readChunkSizeBytes: 3))
        #expect(types(inferred) == [.string, .string, .string])
    }

    // MARK: - Field parsing

    @Test func floatsEqualTheStandardLibraryConversion() throws {
        var random = SeededRandomGenerator(seed: 7)
        var tokens = ["0", "-0", "0.1", "1e22", "1e23", "9007199254740993", "123456789012345678901234",
                      "2.2250738585072014e-308", "4.9e-324", "1.7976931348623157e308", "1e400", "-1e-400",
                      "5.", ".5", "+1.5", "0.000001234", "1E5", "1e+5", "3.14159265358979323846"]
        for _ in 0..<5000 {
            let mantissa = random.next() % 10_000_000_000_000_000
            let point = Int(random.next() % 20)
            var digits = String(mantissa)
            if point < digits.count { digits.insert(".", at: digits.index(digits.startIndex, offsetBy: point)) }
            if random.next() % 4 == 0 { digits += "e\(Int(random.next() % 60) - 30)" }
            tokens.append(random.next() % 2 == 0 ? "-" + digits : digits)
        }
        for token in tokens {
            var text = token
            let parsed = text.withUTF8 { TextFieldParser.parseFloat64($0) }
            let reference = Double(token)
            #expect(parsed?.bitPattern == reference?.bitPattern, "\(token)")
        }
        for word in ["nan", "-inf", "Infinity"] {
            var text = word
            #expect(text.withUTF8 { TextFieldParser.parseFloat64($0) } != nil)
        }
        for bad in ["", ".", "-", "e5", "1e", "1.2.3", "0x10", "1,5", " 1", "1 "] {
            var text = bad
            #expect(text.withUTF8 { TextFieldParser.parseFloat64($0) } == nil, "\(bad)")
        }
    }

    @Test func integersParseAtTheLimits() throws {
        func parse(_ token: String) -> Int64? {
            var text = token
            return text.withUTF8 { TextFieldParser.parseInt64($0) }
        }
        #expect(parse("9223372036854775807") == Int64.max)
        #expect(parse("-9223372036854775808") == Int64.min)
        #expect(parse("9223372036854775808") == nil)
        #expect(parse("+12") == 12)
        #expect(parse("-") == nil)
        #expect(parse("1.0") == nil)
    }

    // MARK: - Sample data sets

    @Test func readsTheOrdersDataset() throws {
        var reader = try CSVReader(fileSystem: LocalFileSystem(), path: datasetPath("orders.csv"),
                                   options: CSVOptions(batchRowCount: 500, readChunkSizeBytes: 10_000))
        #expect(reader.schema == Schema([
            Field("order_id", .int64), Field("customer", .string), Field("country", .string),
            Field("order_date", .date), Field("amount", .float64), Field("status", .string), Field("note", .string),
        ]))
        let (rows, sizes) = try readAllRows { try reader.next() }
        #expect(sizes == [500, 500, 500, 500])
        #expect(rows[0][0] == .int64(100_001))
        #expect(rows[0][6] == .string("Call before delivery\nGate code 4411"))
        #expect(rows.contains { $0[1].description.hasSuffix("Smith, Jr.") })
        #expect(rows.contains { $0[6] == .string("Customer said \"urgent\"") })
        #expect(rows.contains { $0[4] == .null })
        #expect(rows.map { $0[0] } == (0..<2000).map { .int64(100_001 + Int64($0)) })
    }

    @Test func readsTheCitiesDataset() throws {
        var reader = try CSVReader(fileSystem: LocalFileSystem(), path: datasetPath("cities.csv"))
        #expect(reader.schema.fields.map(\.type) == [.string, .string, .int64, .float64, .float64])
        let rows = try readAllRows { try reader.next() }.rows
        #expect(rows.contains { $0[0] == .string("São Paulo") && $0[3] == .float64(-23.5505) })
        #expect(rows.contains { $0[0] == .string("Москва") })
        #expect(rows.contains { $0[2] == .null })
    }
}

