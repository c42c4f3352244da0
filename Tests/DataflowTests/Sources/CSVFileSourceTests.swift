import Dataflow
import SluiceCore
import Testing

@Suite struct CSVFileSourceTests {
    /// A CSV of `rowCount` rows `id,name,score,day` with a header; row `i` has id `i`.
    static func peopleCSV(rowCount: Int, seed: UInt64) -> (text: String, rows: [[Value]]) {
        var generator = SeededRandomGenerator(seed: seed)
        var text = "id,name,score,day\n"
        var rows: [[Value]] = []
        for id in 0..<rowCount {
            let name = "n\(Int.random(in: 0...999, using: &generator))"
            let score = Double(Int.random(in: 0...10_000, using: &generator)) / 4
            let day = Int32(18_000 + id % 300)
            text += "\(id),\(name),\(score),\(CivilTime.formatDate(days: day))\n"
            rows.append([.int64(Int64(id)), .string(name), .float64(score), .date(day)])
        }
        return (text, rows)
    }

    @Test func infersTypesFromTheHeaderAndSample() async throws {
        let bench = try SourceTestBench("csv-infer")
        defer { bench.close() }
        let path = try bench.write("id,name,score,ok,day\n1,ann,2.5,true,2024-01-31\n2,\"b, c\",,false,2024-02-01\n", to: "people.csv")
        let rows = try bench.context.csvFile(path)
        #expect(rows.partitionCount >= 1)
        let collected = try await rows.collect()
        #expect(collected.first?.schema == (try Schema(parsing: "id INT64, name STRING, score FLOAT64, ok BOOLEAN, day DATE")))
        #expect(collected.map(\.values) == [
            [.int64(1), .string("ann"), .float64(2.5), .boolean(true), .date(CivilTime.days(year: 2024, month: 1, day: 31)!)],
            [.int64(2), .string("b, c"), .null, .boolean(false), .date(CivilTime.days(year: 2024, month: 2, day: 1)!)],
        ])
    }

    @Test func readsWithAGivenSchemaNoHeaderAndAnotherDelimiter() async throws {
        let bench = try SourceTestBench("csv-schema")
        defer { bench.close() }
        let path = try bench.write("1|x\n2|y\n", to: "data.psv")
        let schema = try Schema(parsing: "n INT32, s STRING")
        let values = try await collectValues(try bench.context.csvFile(path, schema: schema, header: false, delimiter: "|"))
        #expect(values == [[.int32(1), .string("x")], [.int32(2), .string("y")]])
    }

    @Test func tinySplitsGiveTheSameRowsAsOneSplit() async throws {
        let (text, expected) = CSVFileSourceTests.peopleCSV(rowCount: 3000, seed: 21)
        let whole = try SourceTestBench("csv-whole")
        defer { whole.close() }
        let split = try SourceTestBench("csv-split", splitSizeBytes: 1)
        defer { split.close() }
        let wholeRows = try whole.context.csvFile(try whole.write(text, to: "p.csv"), minPartitions: 1)
        let splitRows = try split.context.csvFile(try split.write(text, to: "p.csv"))
        #expect(wholeRows.partitionCount == 1)
        #expect(splitRows.partitionCount > 5)
        #expect(try await collectValues(wholeRows) == expected)
        #expect(try await collectValues(splitRows) == expected)
    }

    @Test func quotedLineBreaksAreReadWholeWhenAsked() async throws {
        let bench = try SourceTestBench("csv-multiline", splitSizeBytes: 1)
        defer { bench.close() }
        var text = "id,note\n"
        for id in 0..<2000 { text += "\(id),\"line one\nline \(id)\"\n" }
        let rows = try bench.context.csvFile(try bench.write(text, to: "notes.csv"), quotedLineBreaks: true)
        #expect(rows.partitionCount == 1)
        let values = try await collectValues(rows)
        #expect(values.count == 2000)
        #expect(values.last == [.int64(1999), .string("line one\nline 1999")])
    }

    @Test func aBadRowFailsTheJobNamingFileLineAndColumn() async throws {
        let bench = try SourceTestBench("csv-fail", splitSizeBytes: 1)
        defer { bench.close() }
        var (text, _) = CSVFileSourceTests.peopleCSV(rowCount: 2000, seed: 5)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[1500] = "1499,bad,notanumber,2024-01-01"
        text = lines.joined(separator: "\n")
        let path = try bench.write(text, to: "bad.csv")
        let schema = try Schema(parsing: "id INT64, name STRING, score FLOAT64, day DATE")
        do {
            _ = try await bench.context.csvFile(path, schema: schema).count()
            Issue.record("expected the job to fail")
        } catch let failure as JobFailure {
            // Line 1501 of the file: the header is line 1.
            #expect(failure.cause.contains("\(path), line 1501, column 3"), "\(failure.cause)")
            #expect(failure.cause.contains("field 'score'"), "\(failure.cause)")
            #expect(failure.cause.contains("'notanumber' is not a FLOAT64"), "\(failure.cause)")
        }
    }

    @Test func badRowsAreSkippedAndCountedUnderTheSkipPolicy() async throws {
        let bench = try SourceTestBench("csv-skip", badRecordPolicy: .skip, splitSizeBytes: 1)
        defer { bench.close() }
        var (text, expected) = CSVFileSourceTests.peopleCSV(rowCount: 3000, seed: 9)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let badRows = [0, 1, 700, 701, 1234, 2999]
        for row in badRows { lines[row + 1] = row % 2 == 0 ? "\(row),x,1.0" : "\(row),x,oops,2024-01-01" }
        text = lines.joined(separator: "\n")
        for row in badRows.reversed() { expected.remove(at: row) }
        let path = try bench.write(text, to: "skip.csv")
        let schema = try Schema(parsing: "id INT64, name STRING, score FLOAT64, day DATE")
        let values = try await collectValues(try bench.context.csvFile(path, schema: schema))
        #expect(values == expected)
        #expect(bench.metrics.badRecordsSkipped == badRows.count)
    }
}
