import SluiceCore
import Testing
@testable import SQL

@Suite struct SortStreamTests {
    typealias KeySpec = (expression: PhysicalExpression, ascending: Bool, nullsFirst: Bool)

    /// The reference answer for one input and key list, computed once and checked against
    /// several sorts.
    private struct Expectation {
        let schema: Schema
        let batches: [RecordBatch]
        let keys: [KeySpec]
        let sortedTuples: [[Value]]
        let inputRows: [String]

        var directions: [(ascending: Bool, nullsFirst: Bool)] { keys.map { (ascending: $0.ascending, nullsFirst: $0.nullsFirst) } }

        init(schema: Schema, batches: [RecordBatch], keys: [KeySpec], inputRows: [String]? = nil) throws {
            self.schema = schema
            self.batches = batches
            self.keys = keys
            self.sortedTuples = SortReference.sortedKeyTuples(try SortStreamTests.keyTuples(batches, keys),
                                                              keys.map { (ascending: $0.ascending, nullsFirst: $0.nullsFirst) })
            self.inputRows = inputRows ?? SortTestData.multiset(SortTestData.rows(batches))
        }
    }

    private func checkSort(
        schema: Schema, batches: [RecordBatch], keys: [KeySpec], limit: Int? = nil, offset: Int = 0,
        context: ExecutionContext
    ) throws {
        try checkSort(try Expectation(schema: schema, batches: batches, keys: keys), limit: limit, offset: offset, context: context)
    }

    /// Sorts the input with a `SortStream` and checks the output against the reference order:
    /// the key tuples equal the reference's (its window for a limit or offset), and the rows are
    /// exactly the input's rows (a part of them under a limit).
    private func checkSort(_ expectation: Expectation, limit: Int? = nil, offset: Int = 0, context: ExecutionContext) throws {
        let keys = expectation.keys
        let sortKeys = keys.map { SortKey($0.expression, isAscending: $0.ascending, nullsFirst: $0.nullsFirst) }
        let stream = SortStream(input: BatchListStream(schema: expectation.schema, batches: expectation.batches), keys: sortKeys,
                                limit: limit, offset: offset, context: context)
        let output = try SortTestData.drain(stream)
        for batch in output {
            #expect(batch.schema == expectation.schema)
            #expect(batch.rowCount <= context.batchRowCountTarget)
        }
        let directions = expectation.directions
        let expected = Array(expectation.sortedTuples.dropFirst(offset).prefix(limit ?? Int.max))
        let actual = try SortStreamTests.keyTuples(output, keys)
        try #require(actual.count == expected.count)
        let mismatch = actual.indices.first { SortReference.compare(actual[$0], expected[$0], directions) != 0 }
        #expect(mismatch == nil, "row \(mismatch ?? -1): \(mismatch.map { actual[$0] } ?? []) vs \(mismatch.map { expected[$0] } ?? [])")
        let outputRows = SortTestData.multiset(SortTestData.rows(output))
        if limit == nil && offset == 0 {
            #expect(outputRows == expectation.inputRows)
        } else {
            var available: [String: Int] = [:]
            for row in expectation.inputRows { available[row, default: 0] += 1 }
            for row in outputRows { available[row, default: 0] -= 1 }
            #expect(available.values.allSatisfy { $0 >= 0 }, "the output holds rows the input does not")
        }
    }

    private static func keyTuples(_ batches: [RecordBatch], _ keys: [KeySpec]) throws -> [[Value]] {
        try batches.flatMap { batch -> [[Value]] in
            let columns = try keys.map { try ExpressionEvaluator.evaluate($0.expression, on: batch) }
            return (0..<batch.rowCount).map { row in columns.map { $0[row] } }
        }
    }

    private func column(_ schema: Schema, _ index: Int) -> PhysicalExpression {
        .column(index: index, type: schema.fields[index].type, name: schema.fields[index].name)
    }

    @Test(arguments: [1, 4])
    func everyTypeSortsInSQLOrderInBothDirectionsAndNullPlacements(threadCount: Int) throws {
        let (schema, batches) = try SortTestData.batches(types: SortTestData.allTypes, rowCount: 800, batchRowCount: 97,
                                                        distinctCount: 40, seed: 11)
        let context = ExecutionContext(threadCount: threadCount, batchRowCountTarget: 256)
        let inputRows = SortTestData.multiset(SortTestData.rows(batches))
        for index in schema.fields.indices {
            for (ascending, nullsFirst) in [(true, false), (true, true), (false, false), (false, true)] {
                let keys: [KeySpec] = [(column(schema, index), ascending, nullsFirst)]
                try checkSort(try Expectation(schema: schema, batches: batches, keys: keys, inputRows: inputRows), context: context)
            }
        }
    }

    @Test(arguments: [1, 4])
    func multipleKeysWithMixedDirectionsAndComputedKeys(threadCount: Int) throws {
        let types: [DataType] = [.int32, .string, .float64, .decimal(precision: 15, scale: 2), .date, .boolean]
        let context = ExecutionContext(threadCount: threadCount, batchRowCountTarget: 300)
        for seed in UInt64(1)...6 {
            let (schema, batches) = try SortTestData.batches(types: types, rowCount: 2000, batchRowCount: 128,
                                                            distinctCount: 6, seed: seed)
            var random = SeededRandomGenerator(seed: seed * 31)
            let computed = PhysicalExpression.arithmetic(.add, column(schema, 0), .literal(.int64(7), .int64), resultType: .int64)
            let candidates = schema.fields.indices.map { column(schema, $0) } + [computed]
            let keys: [KeySpec] = candidates.shuffled(using: &random).prefix(4).map {
                ($0, random.chance(1, in: 2), random.chance(1, in: 2))
            }
            try checkSort(schema: schema, batches: batches, keys: keys, context: context)
        }
    }

    @Test(arguments: [1, 4])
    func topNEqualsTheFullSortsPrefix(threadCount: Int) throws {
        let types: [DataType] = [.int64, .string, .decimal(precision: 38, scale: 4), .timestamp]
        let (schema, batches) = try SortTestData.batches(types: types, rowCount: 8000, batchRowCount: 500,
                                                        distinctCount: 300, seed: 5)
        let context = ExecutionContext(threadCount: threadCount, batchRowCountTarget: 64)
        let keys: [KeySpec] = [(column(schema, 2), false, false), (column(schema, 1), true, true), (column(schema, 0), true, false)]
        let expectation = try Expectation(schema: schema, batches: batches, keys: keys)
        for (limit, offset) in [(0, 0), (1, 0), (10, 0), (10, 5), (100, 250), (3000, 0), (3000, 5000), (10, 7995), (10, 30_000)] {
            try checkSort(expectation, limit: limit, offset: offset, context: context)
        }
        try checkSort(expectation, offset: 7000, context: context)
    }

    @Test(arguments: [1, 4])
    func externalSortMatchesAndLeavesNoFiles(threadCount: Int) throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (schema, batches) = try SortTestData.batches(types: SortTestData.allTypes, rowCount: 6000, batchRowCount: 50,
                                                        distinctCount: 300, seed: 21)
        // About two input batches fit: well over the merge fan-in of runs, so runs merge on disk too.
        let context = ExecutionContext(threadCount: threadCount, memoryLimitBytes: 8_000, spillDirectory: folder.path,
                                       batchRowCountTarget: 40)
        let keys: [KeySpec] = [(column(schema, 4), true, false), (column(schema, 3), false, true), (column(schema, 8), true, true)]
        let expectation = try Expectation(schema: schema, batches: batches, keys: keys)
        try checkSort(expectation, context: context)
        try checkSort(expectation, offset: 5000, context: context)
        #expect(folder.entries().isEmpty)
    }

    @Test func externalSortSpillsAndCleansUpWhenTheInputFails() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (schema, batches) = try SortTestData.batches(types: [.int64, .string], rowCount: 3000, batchRowCount: 50,
                                                        distinctCount: 100, seed: 3)
        let context = ExecutionContext(threadCount: 2, memoryLimitBytes: 2_000, spillDirectory: folder.path)
        let stream = SortStream(input: FailingStream(schema: schema, batches: batches, failAfter: 40),
                                keys: [SortKey(column(schema, 0))], context: context)
        #expect(throws: SluiceError.self) { _ = try stream.next() }
        #expect(try stream.next() == nil)
        #expect(folder.entries().isEmpty)
    }

    @Test func abandoningAMergeDeletesItsSpillFiles() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (schema, batches) = try SortTestData.batches(types: [.int64, .string], rowCount: 3000, batchRowCount: 50,
                                                        distinctCount: 100, seed: 4)
        let context = ExecutionContext(threadCount: 1, memoryLimitBytes: 2_000, spillDirectory: folder.path, batchRowCountTarget: 100)
        var stream: SortStream? = SortStream(input: BatchListStream(schema: schema, batches: batches),
                                             keys: [SortKey(column(schema, 1))], context: context)
        #expect(try stream!.next()?.rowCount == 100)
        #expect(!folder.entries().isEmpty)
        stream = nil
        #expect(folder.entries().isEmpty)
    }

    @Test func emptyInputAndEmptyBatchesGiveNoRows() throws {
        let schema = Schema([Field("a", .int32)])
        let empty = RecordBatch(emptyOf: schema)
        for limit in [nil, 5] as [Int?] {
            let stream = SortStream(input: BatchListStream(schema: schema, batches: [empty, empty]),
                                    keys: [SortKey(.column(index: 0, type: .int32, name: "a"))], limit: limit,
                                    context: ExecutionContext(threadCount: 2))
            #expect(try SortTestData.drain(stream).reduce(0) { $0 + $1.rowCount } == 0)
        }
    }

    @Test func failingKeyExpressionsReportTheError() throws {
        let batch = try TestBatch.single("a", .int32, [.int32(1), .int32(0)])
        let divide = PhysicalExpression.arithmetic(.integerDivide, .literal(.int32(1), .int32),
                                                   .column(index: 0, type: .int32, name: "a"), resultType: .int32)
        let stream = SortStream(input: BatchListStream(schema: batch.schema, batches: [batch]), keys: [SortKey(divide)],
                                context: ExecutionContext(threadCount: 1))
        #expect(throws: SluiceError.self) { _ = try stream.next() }
    }
}
