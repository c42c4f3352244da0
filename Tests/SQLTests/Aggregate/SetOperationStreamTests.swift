import SluiceCore
import Testing
@testable import SQL

@Suite struct SetOperationStreamTests {
    static let types: [DataType] = [.string, .int32, .decimal(precision: 15, scale: 2), .date]

    /// The multiset a set operation should give, computed from row counts.
    static func expected(_ kind: SetOperationKind, all: Bool, left: [[Value]], right: [[Value]]) -> [[Value]: Int] {
        let leftCounts = AggregateTestData.counted(left)
        let rightCounts = AggregateTestData.counted(right)
        var result: [[Value]: Int] = [:]
        switch kind {
        case .union:
            for row in leftCounts.keys { result[row] = all ? leftCounts[row]! + (rightCounts[row] ?? 0) : 1 }
            for row in rightCounts.keys where result[row] == nil { result[row] = all ? rightCounts[row]! : 1 }
        case .intersect:
            for (row, m) in leftCounts { if let n = rightCounts[row] { result[row] = all ? min(m, n) : 1 } }
        case .except:
            for (row, m) in leftCounts {
                let n = rightCounts[row] ?? 0
                let copies = all ? max(m - n, 0) : (n == 0 ? 1 : 0)
                if copies > 0 { result[row] = copies }
            }
        }
        return result
    }

    @Test(arguments: [1, 4])
    func setOperationsMatchCountedMultisets(threadCount: Int) throws {
        let schema = AggregateTestData.schema(Self.types)
        for seed in UInt64(1)...4 {
            var random = SeededRandomGenerator(seed: seed)
            let domains = [3, 3, 2, 2]
            let left = AggregateTestData.rows(Self.types, domains: domains, count: Int(seed) * 150, random: &random)
            let right = AggregateTestData.rows(Self.types, domains: domains, count: seed == 4 ? 0 : 200, random: &random)
            for kind in [SetOperationKind.union, .intersect, .except] {
                for all in [false, true] {
                    let stream = SetOperationStream(
                        kind: kind, all: all,
                        left: BatchListStream(schema: schema, batches: try AggregateTestData.batches(left, schema: schema, random: &random)),
                        right: BatchListStream(schema: Self.renamed(schema), batches: try AggregateTestData.batches(right, schema: Self.renamed(schema), random: &random)),
                        outputSchema: schema, context: ExecutionContext(threadCount: threadCount, batchRowCountTarget: 50))
                    let actual = AggregateTestData.counted(try AggregateTestData.collectConcurrently(stream, threadCount: threadCount))
                    #expect(actual == Self.expected(kind, all: all, left: left, right: right), "\(kind) all: \(all), seed \(seed)")
                }
            }
        }
    }

    /// The right side of a set operation may name its columns differently.
    static func renamed(_ schema: Schema) -> Schema {
        Schema(schema.fields.map { Field("r_" + $0.name, $0.type) })
    }

    @Test func nullsAreEqualInSetOperations() throws {
        let left = try TestBatch.make([("x", .int64, [.null, .null, .int64(1)])])
        let right = try TestBatch.make([("x", .int64, [.null])])
        let stream = SetOperationStream(
            kind: .except, all: true, left: BatchListStream(schema: left.schema, batches: [left]),
            right: BatchListStream(schema: right.schema, batches: [right]), outputSchema: left.schema,
            context: ExecutionContext(threadCount: 1))
        #expect(AggregateTestData.counted(try AggregateTestData.collect(stream)) == [[.null]: 1, [.int64(1)]: 1])
    }

    @Test(arguments: [1, 4])
    func unionAllConcatenatesEveryInput(threadCount: Int) throws {
        var random = SeededRandomGenerator(seed: 9)
        let schema = AggregateTestData.schema(Self.types)
        let parts = (0..<3).map { AggregateTestData.rows(Self.types, domains: [5, 5, 5, 5], count: 100 * $0, random: &random) }
        let inputs: [any BatchStream] = try parts.map {
            BatchListStream(schema: Self.renamed(schema), batches: try AggregateTestData.batches($0, schema: Self.renamed(schema), random: &random))
        }
        let stream = UnionAllStream(inputs: inputs, outputSchema: schema)
        let actual = try AggregateTestData.collectConcurrently(stream, threadCount: threadCount)
        #expect(AggregateTestData.counted(actual) == AggregateTestData.counted(parts.flatMap { $0 }))
        #expect(try stream.next() == nil)
    }
}
