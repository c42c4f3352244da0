import Foundation
import SluiceCore
import Testing
@testable import SQL

/// Hash aggregation under a memory limit far below its groups: partial states go to spill
/// files and come back exactly, so results equal an unlimited run.
@Suite struct HashAggregateSpillTests {
    /// A fresh folder for spill files, removed after the body.
    static func withSpillDirectory<T>(_ body: (String) throws -> T) throws -> T {
        let directory = NSTemporaryDirectory() + "sluice-agg-spill-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try body(directory)
    }

    static func spillFiles(in directory: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    }

    /// Every row of a grouping of `batches`, with the operator's details after the run.
    static func run(_ batches: [RecordBatch], schema: Schema, keys: [Int], aggregates: [AggregateCall],
                    context: ExecutionContext) throws -> (rows: [[Value]], details: String) {
        let keyExpressions = keys.map { PhysicalExpression.column(index: $0, type: schema.fields[$0].type, name: "c\($0)") }
        let outputSchema = Schema(keys.map { Field("c\($0)", schema.fields[$0].type) }
            + aggregates.enumerated().map { Field("a\($0.offset)", $0.element.resultType) })
        let stream = HashAggregateStream(
            input: BatchListStream(schema: schema, batches: batches), groupKeys: keyExpressions,
            aggregates: aggregates, outputSchema: outputSchema, context: context)
        let rows = try AggregateTestData.collectConcurrently(stream, threadCount: context.threadCount)
        return (rows, stream.operatorDetails)
    }

    /// Checks that a run limited to 64 KiB spills, leaves no files, and matches an unlimited run.
    func checkSpilledEqualsUnlimited(rows: [[Value]], types: [DataType], keys: [Int], aggregates: [AggregateCall],
                                     threadCount: Int, random: inout SeededRandomGenerator) throws {
        let schema = AggregateTestData.schema(types)
        let batches = try AggregateTestData.batches(rows, schema: schema, random: &random)
        let unlimited = try Self.run(batches, schema: schema, keys: keys, aggregates: aggregates,
                                     context: ExecutionContext(threadCount: threadCount, batchRowCountTarget: 101))
        #expect(!unlimited.details.contains("spilled"))
        try Self.withSpillDirectory { directory in
            let context = ExecutionContext(threadCount: threadCount, memoryLimitBytes: 64 << 10,
                                           spillDirectory: directory, batchRowCountTarget: 101)
            let limited = try Self.run(batches, schema: schema, keys: keys, aggregates: aggregates, context: context)
            #expect(limited.details.contains("spilled: "), "keys \(keys), threads \(threadCount): \(limited.details)")
            #expect(Self.spillFiles(in: directory).isEmpty)
            #expect(limited.rows.count == unlimited.rows.count)
            let expected = Dictionary(unlimited.rows.map { (Array($0.prefix(keys.count)), Array($0.dropFirst(keys.count))) },
                                      uniquingKeysWith: { first, _ in first })
            var seen = Set<[Value]>()
            for row in limited.rows {
                let key = Array(row.prefix(keys.count))
                #expect(seen.insert(key).inserted, "group \(key) appears twice")
                guard let values = expected[key] else {
                    Issue.record("unexpected group \(key)")
                    continue
                }
                for (index, (value, wanted)) in zip(row.dropFirst(keys.count), values).enumerated()
                where !ReferenceAggregation.agrees(value, wanted) {
                    Issue.record("group \(key), \(aggregates[index]): got \(value), expected \(wanted)")
                }
            }
        }
    }

    /// Every aggregate kind over every type of `AggregateTestData.allTypes`, whose columns
    /// start at `firstColumn`.
    static func allAggregates(firstColumn: Int) -> [AggregateCall] {
        let types = AggregateTestData.allTypes
        return [AggregateCall(.countStar, nil, resultType: .int64)]
            + types.indices.flatMap { HashAggregateStreamTests.aggregates(over: firstColumn + $0, type: types[$0]) }
    }

    @Test(arguments: [1, 4])
    func singleIntegerKeyWithEveryAggregateMatchesAnUnlimitedRun(threadCount: Int) throws {
        var random = SeededRandomGenerator(seed: 11 + UInt64(threadCount))
        let valueTypes = AggregateTestData.allTypes
        let keyRows = AggregateTestData.rows([.int64], domains: [1000], count: 3000, random: &random)
        let valueRows = AggregateTestData.rows(valueTypes, domains: valueTypes.map { _ in 50 }, count: 3000, random: &random)
        try checkSpilledEqualsUnlimited(
            rows: zip(keyRows, valueRows).map { $0 + $1 }, types: [.int64] + valueTypes, keys: [0],
            aggregates: Self.allAggregates(firstColumn: 1), threadCount: threadCount, random: &random)
    }

    @Test(arguments: [1, 4])
    func compositeStringKeysWithEveryAggregateMatchAnUnlimitedRun(threadCount: Int) throws {
        var random = SeededRandomGenerator(seed: 23 + UInt64(threadCount))
        let keyTypes: [DataType] = [.string, .int32, .binary]
        let valueTypes = AggregateTestData.allTypes
        let keyRows = AggregateTestData.rows(keyTypes, domains: [150, 5, 4], count: 3000, random: &random)
        let valueRows = AggregateTestData.rows(valueTypes, domains: valueTypes.map { _ in 50 }, count: 3000, random: &random)
        try checkSpilledEqualsUnlimited(
            rows: zip(keyRows, valueRows).map { $0 + $1 }, types: keyTypes + valueTypes, keys: [0, 1, 2],
            aggregates: Self.allAggregates(firstColumn: keyTypes.count), threadCount: threadCount, random: &random)
    }

    @Test(arguments: [1, 4])
    func globalDistinctAggregatesSpillTheirValueSets(threadCount: Int) throws {
        var random = SeededRandomGenerator(seed: 37 + UInt64(threadCount))
        let types: [DataType] = [.int64, .string]
        let rows = AggregateTestData.rows(types, domains: [20_000, 20_000], count: 30_000, random: &random)
        let aggregates = HashAggregateStreamTests.aggregates(over: 0, type: .int64)
            + HashAggregateStreamTests.aggregates(over: 1, type: .string)
        try checkSpilledEqualsUnlimited(rows: rows, types: types, keys: [], aggregates: aggregates,
                                        threadCount: threadCount, random: &random)
    }

    @Test func groupingWithoutAggregatesSpillsKeysOnly() throws {
        var random = SeededRandomGenerator(seed: 3)
        let rows = AggregateTestData.rows([.int64], domains: [1_000_000], count: 20_000, random: &random)
        try checkSpilledEqualsUnlimited(rows: rows, types: [.int64], keys: [0], aggregates: [], threadCount: 2, random: &random)
    }

    @Test func abandonedStreamLeavesNoSpillFiles() throws {
        var random = SeededRandomGenerator(seed: 5)
        let rows = AggregateTestData.rows([.int64], domains: [1_000_000], count: 20_000, random: &random)
        let schema = AggregateTestData.schema([.int64])
        let batches = try AggregateTestData.batches(rows, schema: schema, random: &random)
        try Self.withSpillDirectory { (directory: String) throws -> Void in
            func readOneBatchAndDrop() throws {
                let stream = HashAggregateStream(
                    input: BatchListStream(schema: schema, batches: batches),
                    groupKeys: [.column(index: 0, type: .int64, name: "c0")], aggregates: [], outputSchema: schema,
                    context: ExecutionContext(threadCount: 2, memoryLimitBytes: 64 << 10, spillDirectory: directory,
                                              batchRowCountTarget: 10))
                // One batch only: the later partitions stay on disk until the stream goes away.
                let first = try stream.next()
                #expect(first != nil)
                #expect(!Self.spillFiles(in: directory).isEmpty)
            }
            try readOneBatchAndDrop()
            #expect(Self.spillFiles(in: directory).isEmpty)
        }
    }

    @Test func sessionGroupByUnderASmallLimitMatchesAnUnlimitedRun() throws {
        let root = NSTemporaryDirectory() + "sluice-agg-spill-session-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let spillDirectory = root + "-spill"
        defer { try? FileManager.default.removeItem(atPath: spillDirectory) }
        let limited = ExecutionContext(threadCount: 2, memoryLimitBytes: 256 << 10, spillDirectory: spillDirectory)
        let session = SQLSession(catalog: WarehouseCatalog(root: root), context: limited)
        let digits = (0..<200).map { "(\($0))" }.joined(separator: ", ")
        _ = try session.executeScript("""
            CREATE TABLE facts (k BIGINT, name VARCHAR, amount DECIMAL(15,2), ratio DOUBLE);
            INSERT INTO facts SELECT a.d * 200 + b.d, 'n' || CAST((a.d * 7 + b.d) % 500 AS VARCHAR),
                CAST(a.d * 3 + b.d AS DECIMAL(15,2)) / 7, CAST(b.d AS DOUBLE) / 3
                FROM (VALUES \(digits)) AS a(d), (VALUES \(digits)) AS b(d);
            """, context: ExecutionContext(threadCount: 2))
        let queries = [
            "SELECT k % 20000 AS g, count(*), sum(amount), min(name), max(ratio), avg(amount) FROM facts GROUP BY g",
            "SELECT name, k % 37 AS m, count(DISTINCT k % 101), sum(k), max(amount) FROM facts GROUP BY name, m",
        ]
        for sql in queries {
            let expected = SessionTestSupport.rows(try session.execute(sql, context: ExecutionContext(threadCount: 2))).sorted()
            let actual = SessionTestSupport.rows(try session.execute(sql)).sorted()
            #expect(expected.count > 1000)
            #expect(actual == expected, "\(sql)")
            #expect(Self.spillFiles(in: spillDirectory).isEmpty)
        }
        let plan = SessionTestSupport.rows(try session.execute("EXPLAIN ANALYZE " + queries[0])).joined(separator: "\n")
        #expect(plan.contains("spilled: "), "\(plan)")
    }
}
