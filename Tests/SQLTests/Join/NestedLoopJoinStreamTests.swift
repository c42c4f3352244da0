import SluiceCore
import Testing
@testable import SQL

@Suite("NestedLoopJoinStream")
struct NestedLoopJoinStreamTests {
    /// `left.key = right.key [AND left.p < right.p]` over left ++ right (4 columns a side).
    static func condition(keys: [Int], withResidual: Bool) -> PhysicalExpression {
        let fields = JoinTestData.sideFields
        var conjuncts: [PhysicalExpression] = keys.map { key in
            .comparison(.equal, .column(index: key, type: fields[key].1, name: "l" + fields[key].0),
                        .column(index: 4 + key, type: fields[key].1, name: "r" + fields[key].0))
        }
        if withResidual { conjuncts.append(HashJoinStreamTests.residual) }
        return conjuncts.count == 1 ? conjuncts[0] : .and(conjuncts)
    }

    @discardableResult
    static func check(kind: JoinKind, keys: [Int], withResidual: Bool, seed: UInt64, threadCount: Int,
                      leftCount: Int, rightCount: Int, keyDomain: Int) throws -> Int {
        var random = SeededRandomGenerator(seed: seed)
        let leftSchema = JoinTestData.schema(prefix: "l")
        let rightSchema = JoinTestData.schema(prefix: "r")
        let leftRows = JoinTestData.rows(count: leftCount, keyDomain: keyDomain, nullPercent: 15, using: &random)
        var rightRows = JoinTestData.rows(count: rightCount, keyDomain: keyDomain, nullPercent: 15, using: &random)
        if kind == .single {
            var seen = Set<[Value]>()
            rightRows = rightRows.filter { row in seen.insert(keys.map { row[$0] }).inserted }
        }
        let residualTruth: (([Value], [Value]) -> Bool?)? =
            withResidual ? { HashJoinStreamTests.residualReference($0, $1) } : nil
        let reference = ReferenceJoin(kind: kind, leftKeys: keys, rightKeys: keys, residual: residualTruth, unknownByPair: true)
        let expected = try reference.run(left: leftRows, right: rightRows, rightWidth: 4, leftWidth: 4)
        let stream = NestedLoopJoinStream(
            kind: kind,
            left: try JoinTestData.stream(leftRows, schema: leftSchema, using: &random),
            right: try JoinTestData.stream(rightRows, schema: rightSchema, using: &random),
            condition: keys.isEmpty && !withResidual ? nil : condition(keys: keys, withResidual: withResidual),
            outputSchema: JoinTestData.outputSchema(kind, left: leftSchema, right: rightSchema),
            context: ExecutionContext(threadCount: threadCount, batchRowCountTarget: 16))
        let actual = try JoinTestData.collect(stream, threadCount: threadCount)
        #expect(JoinTestData.canonical(actual) == JoinTestData.canonical(expected),
                "kind \(kind) keys \(keys) residual \(withResidual) seed \(seed) threads \(threadCount)")
        return expected.count
    }

    @Test("every kind agrees with the reference join", arguments: HashJoinStreamTests.allKinds)
    func randomized(kind: JoinKind) throws {
        var seed: UInt64 = 1000
        var comparedRowCount = 0
        for keys in [[0], [1], [0, 1], []] {
            for withResidual in [false, true] where kind != .single || !(keys.isEmpty && !withResidual) {
                for threadCount in [1, 4] {
                    for (leftCount, rightCount) in [(50, 40), (0, 20), (30, 0), (60, 2)] {
                        do {
                            comparedRowCount += try Self.check(
                                kind: kind, keys: keys, withResidual: withResidual, seed: seed,
                                threadCount: threadCount, leftCount: leftCount, rightCount: rightCount, keyDomain: 8)
                        } catch let error as SluiceError where kind == .single {
                            // Without keys a left row can meet several right rows: both sides must agree.
                            #expect(error.message.contains("more than one row"))
                        }
                        seed += 1
                    }
                }
            }
        }
        // Right semi and right anti joins output right rows only, and the right sides are smaller.
        #expect(comparedRowCount > (kind == .rightSemi || kind == .rightAnti ? 300 : 500))
    }

    @Test("a cross join pairs every row with every row, in bounded pieces", arguments: [1, 4])
    func crossJoin(threadCount: Int) throws {
        try Self.check(kind: .inner, keys: [], withResidual: false, seed: 3, threadCount: threadCount,
                       leftCount: 90, rightCount: 70, keyDomain: 5)
    }

    @Test("a single join with two matches fails")
    func singleJoinError() throws {
        let left = try TestBatch.make([("a", .int32, [.int32(1), .int32(2)])])
        let right = try TestBatch.make([("b", .int32, [.int32(2), .int32(2)])])
        let stream = NestedLoopJoinStream(
            kind: .single, left: BatchListStream(schema: left.schema, batches: [left]),
            right: BatchListStream(schema: right.schema, batches: [right]),
            condition: .comparison(.equal, col(left, 0), .column(index: 1, type: .int32, name: "b")),
            outputSchema: JoinTestData.outputSchema(.single, left: left.schema, right: right.schema),
            context: ExecutionContext(threadCount: 1))
        #expect(throws: SluiceError.data("more than one row returned by a subquery used as an expression")) {
            _ = try JoinTestData.collect(stream, threadCount: 1)
        }
    }
}
