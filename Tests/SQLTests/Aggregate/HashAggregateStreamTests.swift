import SluiceCore
import Testing
@testable import SQL

@Suite struct HashAggregateStreamTests {
    /// Every aggregate SQL allows over a column of `type` at `index`.
    static func aggregates(over index: Int, type: DataType) -> [AggregateCall] {
        let argument = PhysicalExpression.column(index: index, type: type, name: "c\(index)")
        var functions: [(AggregateCall.Function, Bool)] = [(.count, false), (.min, false), (.max, false), (.count, true)]
        if [.int32, .int64, .float64].contains(type) || { if case .decimal = type { true } else { false } }() {
            functions += [(.sum, false), (.avg, false), (.sum, true), (.avg, true)]
        }
        return functions.map { function, isDistinct in
            AggregateCall(function, argument, isDistinct: isDistinct,
                          resultType: AggregateCall.resultType(of: function, argumentType: type))
        }
    }

    /// Runs a grouping over `rows` and checks it against the reference.
    func check(rows: [[Value]], types: [DataType], keys: [Int], aggregates: [AggregateCall],
               threadCount: Int, random: inout SeededRandomGenerator) throws {
        let schema = AggregateTestData.schema(types)
        let batches = try AggregateTestData.batches(rows, schema: schema, random: &random)
        let keyExpressions = keys.map { PhysicalExpression.column(index: $0, type: types[$0], name: "c\($0)") }
        let outputSchema = Schema(keys.map { Field("c\($0)", types[$0]) }
            + aggregates.enumerated().map { Field("a\($0.offset)", $0.element.resultType) })
        let context = ExecutionContext(threadCount: threadCount, batchRowCountTarget: 37)
        let stream = HashAggregateStream(
            input: BatchListStream(schema: schema, batches: batches), groupKeys: keyExpressions,
            aggregates: aggregates, outputSchema: outputSchema, context: context)
        let actual = try AggregateTestData.collectConcurrently(stream, threadCount: threadCount)
        let expected = ReferenceAggregation.aggregate(rows, keys: keys, aggregates: aggregates)
        #expect(actual.count == expected.count, "keys \(keys), threads \(threadCount)")
        var seen = Set<[Value]>()
        for row in actual {
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

    @Test(arguments: [1, 4])
    func randomGroupingsOverEveryTypeMatchTheReference(threadCount: Int) throws {
        let types = AggregateTestData.allTypes
        let keySets: [[Int]] = [[], [2], [1], [0], [6], [4], [8], [3], [4, 6], [0, 9, 5], [7, 2, 4], [1, 2, 3, 4, 5, 6, 7, 8, 9, 0]]
        for seed in UInt64(1)...2 {
            var random = SeededRandomGenerator(seed: seed * 7919 + UInt64(threadCount))
            let keyDomain = Int.random(in: 2...12, using: &random)
            let domains = types.map { _ in keyDomain }
            let keyRows = AggregateTestData.rows(types, domains: domains, count: 1000, random: &random)
            let valueRows = AggregateTestData.rows(types, domains: types.map { _ in 1000 }, count: 1000, random: &random)
            // Key columns first (small domains), then the same types again as arguments (wide domains).
            let rows = zip(keyRows, valueRows).map { $0 + $1 }
            let allTypes = types + types
            let aggregates = [AggregateCall(.countStar, nil, resultType: .int64)]
                + types.indices.flatMap { Self.aggregates(over: types.count + $0, type: types[$0]) }
            for keys in keySets {
                try check(rows: rows, types: allTypes, keys: keys, aggregates: aggregates, threadCount: threadCount, random: &random)
            }
        }
    }

    @Test(arguments: [1, 4])
    func manyGroupsMergeByPartition(threadCount: Int) throws {
        // More groups than the partitioned-merge threshold, with single and composite keys.
        var random = SeededRandomGenerator(seed: 42)
        let types: [DataType] = [.int64, .string, .decimal(precision: 15, scale: 2)]
        let rows = AggregateTestData.rows(types, domains: [50_000, 3, 100], count: 80_000, random: &random)
        let aggregates = [AggregateCall(.countStar, nil, resultType: .int64)] + Self.aggregates(over: 2, type: types[2])
        try check(rows: rows, types: types, keys: [0], aggregates: aggregates, threadCount: threadCount, random: &random)
        try check(rows: rows, types: types, keys: [1, 0], aggregates: aggregates, threadCount: threadCount, random: &random)
    }

    @Test(arguments: [1, 4])
    func emptyInputGivesOneRowWithoutKeysAndNoneWithKeys(threadCount: Int) throws {
        var random = SeededRandomGenerator(seed: 5)
        let types = AggregateTestData.allTypes
        let aggregates = [AggregateCall(.countStar, nil, resultType: .int64)]
            + types.indices.flatMap { Self.aggregates(over: $0, type: types[$0]) }
        try check(rows: [], types: types, keys: [], aggregates: aggregates, threadCount: threadCount, random: &random)
        try check(rows: [], types: types, keys: [0, 4], aggregates: aggregates, threadCount: threadCount, random: &random)

        let stream = HashAggregateStream(
            input: BatchListStream(schema: AggregateTestData.schema(types), batches: []), groupKeys: [],
            aggregates: Array(aggregates.prefix(3)),
            outputSchema: Schema(aggregates.prefix(3).enumerated().map { Field("a\($0.offset)", $0.element.resultType) }),
            context: ExecutionContext(threadCount: threadCount))
        #expect(try AggregateTestData.collect(stream) == [[.int64(0), .int64(0), .null]])
    }

    @Test(arguments: [1, 4])
    func distinctKeepsEachRowOnceWithNullsTogether(threadCount: Int) throws {
        var random = SeededRandomGenerator(seed: 11)
        let types: [DataType] = [.string, .int32, .float64, .date]
        let rows = AggregateTestData.rows(types, domains: [4, 3, 3, 2], count: 3000, random: &random)
        try check(rows: rows, types: types, keys: [0, 1, 2, 3], aggregates: [], threadCount: threadCount, random: &random)
        try check(rows: rows, types: types, keys: [1], aggregates: [], threadCount: threadCount, random: &random)
    }

    @Test func negativeZeroGroupsWithZero() throws {
        let batch = try TestBatch.make([("x", .float64, [.float64(0), .float64(-0.0), .null, .float64(1)])])
        let stream = HashAggregateStream(
            input: BatchListStream(schema: batch.schema, batches: [batch]),
            groupKeys: [.column(index: 0, type: .float64, name: "x")],
            aggregates: [AggregateCall(.countStar, nil, resultType: .int64)],
            outputSchema: Schema([Field("x", .float64), Field("n", .int64)]), context: ExecutionContext(threadCount: 1))
        let counts = AggregateTestData.counted(try AggregateTestData.collect(stream))
        #expect(counts == [[.float64(0), .int64(2)]: 1, [.null, .int64(1)]: 1, [.float64(1), .int64(1)]: 1])
    }

    @Test(arguments: [1, 4])
    func integerSumOverflowIsADataErrorNamingTheAggregate(threadCount: Int) throws {
        let values = [Value](repeating: .int64(Int64.max / 2), count: 3) + [.int64(1)]
        let batch = try TestBatch.make([("k", .int32, values.map { _ in .int32(1) }), ("big", .int64, values)])
        let call = AggregateCall(.sum, .column(index: 1, type: .int64, name: "big"), resultType: .int64)
        let stream = HashAggregateStream(
            input: BatchListStream(schema: batch.schema, batches: [batch, batch]),
            groupKeys: [.column(index: 0, type: .int32, name: "k")], aggregates: [call],
            outputSchema: Schema([Field("k", .int32), Field("s", .int64)]), context: ExecutionContext(threadCount: threadCount))
        do {
            _ = try AggregateTestData.collect(stream)
            Issue.record("the overflowing sum did not fail")
        } catch let error as SluiceError {
            #expect(error.fault == .data)
            #expect(error.message.contains("sum(big)"))
        }
        // Later calls report the same failure.
        #expect(throws: SluiceError.self) { try stream.next() }
    }

    @Test func unsupportedAggregateIsAnInternalError() throws {
        let batch = try TestBatch.make([("s", .string, [.string("a")])])
        let call = AggregateCall(.sum, .column(index: 0, type: .string, name: "s"), resultType: .int64)
        let stream = HashAggregateStream(
            input: BatchListStream(schema: batch.schema, batches: [batch]), groupKeys: [], aggregates: [call],
            outputSchema: Schema([Field("s", .int64)]), context: ExecutionContext(threadCount: 1))
        #expect { try stream.next() } throws: { ($0 as? SluiceError)?.fault == .internal }
    }
}
