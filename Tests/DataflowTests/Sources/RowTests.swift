import Dataflow
import SluiceCore
import Testing

@Suite struct RowTests {
    let schema = try! Schema(parsing: "id INT64 NOT NULL, name STRING, score FLOAT64, small INT32, day DATE, at TIMESTAMP, ok BOOLEAN, price DECIMAL(10,2)")

    var sample: Row {
        Row(schema: schema, values: [.int64(7), .string("ann"), .float64(2.5), .int32(-3), .date(19_000), .timestamp(1_700_000_000_000_000),
                                     .boolean(true), .decimal(12_345, scale: 2)])
    }

    @Test func readsValuesByPositionNameAndType() throws {
        let row = sample
        #expect(row[1] == .string("ann"))
        #expect(try row["score"] == .float64(2.5))
        #expect(try row.int("id") == 7)
        #expect(try row.int("small") == -3)
        #expect(try row.double("id") == 7)
        #expect(try row.double("price") == 123.45)
        #expect(try row.string("name") == "ann")
        #expect(try row.bool("ok") == true)
        #expect(try row.date("day") == 19_000)
        #expect(try row.timestamp("at") == 1_700_000_000_000_000)
        #expect(try row.timestamp("day") == 19_000 * 86_400_000_000)
        let nulls = Row(schema: schema, values: [.int64(1)] + Array(repeating: .null, count: 7))
        #expect(try nulls.string("name") == nil)
        #expect(try nulls.double("score") == nil)
    }

    @Test func aWrongTypeOrUnknownColumnNamesTheField() throws {
        let row = sample
        do {
            _ = try row.int("name")
            Issue.record("expected an error")
        } catch let error as SluiceError {
            #expect(error.location?.field == "name")
            #expect(error.message.contains("STRING"))
        }
        #expect(throws: SluiceError.self) { try row["nope"] }
    }

    @Test func rowsOfOneSchemaShareOneLayout() {
        #expect(Row(schema: schema, values: sample.values).layout === sample.layout)
    }

    @Test func encodesCompactlyAndDecodesEveryKind() throws {
        var generator = SeededRandomGenerator(seed: 3)
        let layout = RowLayout.of(schema)
        for _ in 0..<200 {
            let values: [Value] = [
                .int64(Int64.random(in: .min ... .max, using: &generator)),
                Bool.random(using: &generator) ? .null : .string(String(repeating: "é", count: Int.random(in: 0...5, using: &generator))),
                .float64(Double.random(in: -1e9...1e9, using: &generator)), .int32(Int32.random(in: .min ... .max, using: &generator)),
                .date(Int32.random(in: -100_000...100_000, using: &generator)), .timestamp(Int64.random(in: -1 << 60 ... 1 << 60, using: &generator)),
                .boolean(Bool.random(using: &generator)),
                .decimal(Int128(Int64.random(in: -9_999_999_999...9_999_999_999, using: &generator)), scale: 2),
            ]
            let row = Row(layout: layout, values: values)
            #expect(try Row.decode(fromBytes: row.encodedBytes()) == row)
        }
        let small = Row(layout: layout, values: [.int64(1), .string("a"), .null, .int32(2), .null, .null, .boolean(false), .null])
        // 8 bytes of fingerprint, a count byte, then one to three bytes per value.
        #expect(small.encodedBytes().count == 8 + 1 + 2 + 3 + 1 + 2 + 1 + 1 + 1 + 1)
    }

    @Test func rowsShuffleThroughAKeyedOperation() async throws {
        let bench = try SourceTestBench("rows-shuffle")
        defer { bench.close() }
        let layout = RowLayout.of(try Schema(parsing: "key STRING, n INT64"))
        let rows = (0..<300).map { Row(layout: layout, values: [.string("k\($0 % 7)"), .int64(Int64($0))]) }
        let grouped = try await bench.context.parallelize(rows, partitionCount: 3)
            .keyBy { try! $0.string("key")! }
            .groupByKey(partitionCount: 2)
            .collect()
        #expect(grouped.count == 7)
        #expect(grouped.map(\.1.count).reduce(0, +) == 300)
        #expect(grouped.allSatisfy { key, rows in rows.allSatisfy { (try? $0.string("key")) == key } })
    }
}
