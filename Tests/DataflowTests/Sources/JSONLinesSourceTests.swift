import Dataflow
import SluiceCore
import Testing

@Suite struct JSONLinesSourceTests {
    static func events(count: Int, seed: UInt64) -> (text: String, rows: [[Value]]) {
        var generator = SeededRandomGenerator(seed: seed)
        var text = ""
        var rows: [[Value]] = []
        for id in 0..<count {
            let user = "u\(Int.random(in: 0...99, using: &generator))"
            let amount = Double(Int.random(in: 0...1000, using: &generator)) / 8
            let flagged = Bool.random(using: &generator)
            text += "{\"id\": \(id), \"user\": \"\(user)\", \"amount\": \(amount), \"flagged\": \(flagged)}\n"
            rows.append([.int64(Int64(id)), .string(user), .float64(amount), .boolean(flagged)])
        }
        return (text, rows)
    }

    @Test func infersColumnsFromTheFirstLines() async throws {
        let bench = try SourceTestBench("json-infer")
        defer { bench.close() }
        let path = try bench.write("{\"a\": 1, \"b\": \"x\"}\n\n{\"b\": null, \"a\": 2, \"c\": [1, 2]}\n", to: "e.jsonl")
        let rows = try await bench.context.jsonLines(path).collect()
        #expect(rows.first?.schema == (try Schema(parsing: "a INT64, b STRING, c STRING")))
        #expect(rows.map(\.values) == [[.int64(1), .string("x"), .null], [.int64(2), .null, .string("[1, 2]")]])
    }

    @Test func tinySplitsGiveTheSameRowsAsOneSplit() async throws {
        let (text, expected) = JSONLinesSourceTests.events(count: 2000, seed: 4)
        let schema = try Schema(parsing: "id INT64, user STRING, amount FLOAT64, flagged BOOLEAN")
        let whole = try SourceTestBench("json-whole")
        defer { whole.close() }
        let split = try SourceTestBench("json-split", splitSizeBytes: 1)
        defer { split.close() }
        let wholeRows = try whole.context.jsonLines(try whole.write(text, to: "e.jsonl"), schema: schema, minPartitions: 1)
        let splitRows = try split.context.jsonLines(try split.write(text, to: "e.jsonl"))
        #expect(wholeRows.partitionCount == 1)
        #expect(splitRows.partitionCount > 5)
        #expect(try await collectValues(wholeRows) == expected)
        #expect(try await collectValues(splitRows) == expected)
    }

    @Test func aBadLineFailsTheJobNamingFileAndLine() async throws {
        let bench = try SourceTestBench("json-fail", splitSizeBytes: 1)
        defer { bench.close() }
        var lines = JSONLinesSourceTests.events(count: 1500, seed: 8).text.split(separator: "\n").map(String.init)
        lines[1200] = "{\"id\": 1200, \"user\": \"u1\", \"amount\": \"lots\", \"flagged\": true}"
        let path = try bench.write(lines.joined(separator: "\n") + "\n", to: "bad.jsonl")
        let schema = try Schema(parsing: "id INT64, user STRING, amount FLOAT64, flagged BOOLEAN")
        do {
            _ = try await bench.context.jsonLines(path, schema: schema).count()
            Issue.record("expected the job to fail")
        } catch let failure as JobFailure {
            #expect(failure.cause.contains("\(path), line 1201"), "\(failure.cause)")
            #expect(failure.cause.contains("field 'amount'"), "\(failure.cause)")
        }
    }

    @Test func badLinesAreSkippedAndCounted() async throws {
        let bench = try SourceTestBench("json-skip", badRecordPolicy: .skip, splitSizeBytes: 1)
        defer { bench.close() }
        var (text, expected) = JSONLinesSourceTests.events(count: 2500, seed: 12)
        var lines = text.split(separator: "\n").map(String.init)
        let badRows = [3, 4, 1000, 2499]
        for row in badRows { lines[row] = row % 2 == 0 ? "{\"id\": \(row), \"user\": " : "not json" }
        text = lines.joined(separator: "\n") + "\n"
        for row in badRows.reversed() { expected.remove(at: row) }
        let schema = try Schema(parsing: "id INT64, user STRING, amount FLOAT64, flagged BOOLEAN")
        let values = try await collectValues(try bench.context.jsonLines(try bench.write(text, to: "skip.jsonl"), schema: schema))
        #expect(values == expected)
        #expect(bench.metrics.badRecordsSkipped == badRows.count)
    }
}
