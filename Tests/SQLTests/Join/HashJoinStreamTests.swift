import SluiceCore
import Testing
@testable import SQL

@Suite("HashJoinStream")
struct HashJoinStreamTests {
    static let allKinds: [JoinKind] = [
        .inner, .left, .right, .full, .semi, .anti, .nullAwareAnti, .mark, .single, .rightSemi, .rightAnti,
    ]
    /// Key column sets, by position in `JoinTestData.sideFields`: INT32, STRING, INT64, composite.
    static let keySets: [[Int]] = [[0], [1], [2], [0, 1]]

    /// `left.p < right.p`, over left ++ right.
    static let residual = PhysicalExpression.comparison(
        .less, .column(index: 3, type: .int64, name: "lp"), .column(index: 7, type: .int64, name: "rp"))

    static func residualReference(_ left: [Value], _ right: [Value]) -> Bool? {
        guard case .int64(let l) = left[3], case .int64(let r) = right[3] else { return nil }
        return l < r
    }

    /// Runs one randomized case against the reference; returns the number of rows compared.
    @discardableResult
    static func check(kind: JoinKind, keys: [Int], withResidual: Bool, seed: UInt64, threadCount: Int,
                      leftCount: Int, rightCount: Int, keyDomain: Int, batchRowCountTarget: Int = 16) throws -> Int {
        var random = SeededRandomGenerator(seed: seed)
        let leftSchema = JoinTestData.schema(prefix: "l")
        let rightSchema = JoinTestData.schema(prefix: "r")
        let leftRows = JoinTestData.rows(count: leftCount, keyDomain: keyDomain, nullPercent: 15, using: &random)
        var rightRows = JoinTestData.rows(count: rightCount, keyDomain: keyDomain, nullPercent: 15, using: &random)
        if kind == .single {
            // One match at most per left row, unless the case is about the error.
            var seen = Set<[Value]>()
            rightRows = rightRows.filter { row in seen.insert(keys.map { row[$0] }).inserted }
        }
        let residualTruth: (([Value], [Value]) -> Bool?)? = withResidual ? { Self.residualReference($0, $1) } : nil
        let reference = ReferenceJoin(kind: kind, leftKeys: keys, rightKeys: keys,
                                      residual: residualTruth, unknownByPair: false)
        let expected = try reference.run(left: leftRows, right: rightRows, rightWidth: 4, leftWidth: 4)
        let stream = HashJoinStream(
            kind: kind,
            probe: try JoinTestData.stream(leftRows, schema: leftSchema, using: &random),
            build: try JoinTestData.stream(rightRows, schema: rightSchema, using: &random),
            probeKeys: keys.map { .column(index: $0, type: leftSchema.fields[$0].type, name: leftSchema.fields[$0].name) },
            buildKeys: keys.map { .column(index: $0, type: rightSchema.fields[$0].type, name: rightSchema.fields[$0].name) },
            residual: withResidual ? residual : nil,
            outputSchema: JoinTestData.outputSchema(kind, left: leftSchema, right: rightSchema),
            context: ExecutionContext(threadCount: threadCount, batchRowCountTarget: batchRowCountTarget))
        let actual = try JoinTestData.collect(stream, threadCount: threadCount)
        #expect(JoinTestData.canonical(actual) == JoinTestData.canonical(expected),
                "kind \(kind) keys \(keys) residual \(withResidual) seed \(seed) threads \(threadCount)")
        return expected.count
    }

    @Test("every kind, key type and residual agrees with the reference join", arguments: allKinds)
    func randomized(kind: JoinKind) throws {
        var seed: UInt64 = 1
        var comparedRowCount = 0
        for keys in Self.keySets {
            for withResidual in [false, true] {
                for threadCount in [1, 4] {
                    for (leftCount, rightCount) in [(70, 60), (0, 30), (40, 0), (100, 3)] {
                        comparedRowCount += try Self.check(kind: kind, keys: keys, withResidual: withResidual, seed: seed,
                                       threadCount: threadCount, leftCount: leftCount, rightCount: rightCount, keyDomain: 12)
                        seed += 1
                    }
                }
            }
        }
        #expect(comparedRowCount > 300)
    }

    @Test("many matches per row are emitted in pieces", arguments: [JoinKind.inner, .full, .semi, .mark, .rightSemi])
    func explodingProbe(kind: JoinKind) throws {
        try Self.check(kind: kind, keys: [0], withResidual: false, seed: 99, threadCount: 4,
                       leftCount: 300, rightCount: 300, keyDomain: 2, batchRowCountTarget: 16)
        try Self.check(kind: kind, keys: [0, 1], withResidual: true, seed: 98, threadCount: 4,
                       leftCount: 300, rightCount: 300, keyDomain: 2, batchRowCountTarget: 16)
    }

    @Test("a larger integer join agrees with the reference", arguments: [1, 4])
    func largerIntegerJoin(threadCount: Int) throws {
        try Self.check(kind: .full, keys: [2], withResidual: false, seed: 7, threadCount: threadCount,
                       leftCount: 700, rightCount: 500, keyDomain: 300, batchRowCountTarget: 256)
    }

    @Test("a single join with two matches fails")
    func singleJoinError() throws {
        let left = try TestBatch.make([("a", .int32, [.int32(1), .int32(2)])])
        let right = try TestBatch.make([("b", .int32, [.int32(2), .int32(2)]), ("v", .string, [.string("x"), .string("y")])])
        let stream = HashJoinStream(
            kind: .single, probe: BatchListStream(schema: left.schema, batches: [left]),
            build: BatchListStream(schema: right.schema, batches: [right]),
            probeKeys: [col(left, 0)], buildKeys: [col(right, 0)], residual: nil,
            outputSchema: JoinTestData.outputSchema(.single, left: left.schema, right: right.schema),
            context: ExecutionContext(threadCount: 1))
        #expect(throws: SluiceError.data("more than one row returned by a subquery used as an expression")) {
            _ = try JoinTestData.collect(stream, threadCount: 1)
        }
    }

    /// `a IN (SELECT b ...)` as a mark join: TRUE on a match, NULL for a NULL `a` or when `b`
    /// has a NULL, FALSE otherwise, and FALSE for every row against an empty right side.
    @Test("mark join NULL rules")
    func markNullRules() throws {
        let left = try TestBatch.make([("a", .int32, [.int32(1), .int32(2), .null])])
        func marks(_ right: [Value]) throws -> [Value] {
            let rightBatch = try TestBatch.make([("b", .int32, right)])
            let stream = HashJoinStream(
                kind: .mark, probe: BatchListStream(schema: left.schema, batches: [left]),
                build: BatchListStream(schema: rightBatch.schema, batches: [rightBatch]),
                probeKeys: [col(left, 0)], buildKeys: [col(rightBatch, 0)], residual: nil,
                outputSchema: JoinTestData.outputSchema(.mark, left: left.schema, right: rightBatch.schema),
                context: ExecutionContext(threadCount: 1))
            let rows = try JoinTestData.collect(stream, threadCount: 1)
            return rows.sorted { "\($0[0])" < "\($1[0])" }.map { $0[1] }
        }
        // Sorted by a: 1, 2, NULL.
        #expect(try marks([.int32(1), .int32(3)]) == [.boolean(true), .boolean(false), .null])
        #expect(try marks([.int32(1), .null]) == [.boolean(true), .null, .null])
        #expect(try marks([]) == [.boolean(false), .boolean(false), .boolean(false)])
    }

    @Test("null-aware anti join keeps nothing once the right side has a NULL, everything when it is empty")
    func nullAwareAntiRules() throws {
        let left = try TestBatch.make([("a", .int32, [.int32(1), .int32(2), .null])])
        func kept(_ right: [Value]) throws -> [Value] {
            let rightBatch = try TestBatch.make([("b", .int32, right)])
            let stream = HashJoinStream(
                kind: .nullAwareAnti, probe: BatchListStream(schema: left.schema, batches: [left]),
                build: BatchListStream(schema: rightBatch.schema, batches: [rightBatch]),
                probeKeys: [col(left, 0)], buildKeys: [col(rightBatch, 0)], residual: nil,
                outputSchema: left.schema, context: ExecutionContext(threadCount: 1))
            return JoinTestData.canonical(try JoinTestData.collect(stream, threadCount: 1)).map { Value.string($0) }
        }
        #expect(try kept([.int32(1)]) == [.string("2")])
        #expect(try kept([.int32(1), .null]) == [])
        #expect(try kept([]) == [.string("1"), .string("2"), .string("∅")])
    }

    @Test("a build side over the memory limit spills, with computed keys, and agrees with the unlimited run")
    func memoryLimit() throws {
        func run(memoryLimitBytes: Int) throws -> ([String], String) {
            var random = SeededRandomGenerator(seed: 5)
            let schema = JoinTestData.schema(prefix: "x")
            let rows = JoinTestData.rows(count: 500, keyDomain: 10, nullPercent: 10, using: &random)
            let key = PhysicalExpression.column(index: 0, type: .int32, name: "xk32")
            let computedKey = PhysicalExpression.arithmetic(.add, key, int32(1), resultType: .int32)
            let stream = HashJoinStream(
                kind: .left, probe: try JoinTestData.stream(rows, schema: schema, using: &random),
                build: try JoinTestData.stream(rows, schema: schema, using: &random),
                probeKeys: [computedKey], buildKeys: [computedKey],
                residual: nil, outputSchema: JoinTestData.outputSchema(.left, left: schema, right: schema),
                context: ExecutionContext(threadCount: 2, memoryLimitBytes: memoryLimitBytes))
            return (JoinTestData.canonical(try JoinTestData.collect(stream, threadCount: 2)), stream.operatorDetails)
        }
        let (spilled, details) = try run(memoryLimitBytes: 1000)
        let (unlimited, _) = try run(memoryLimitBytes: 1 << 30)
        #expect(details.contains("spilled: 16 partitions"))
        #expect(spilled == unlimited)
        #expect(spilled.count > 500)
    }

    @Test("computed keys, a date key and a float key with -0.0 and NaN")
    func computedAndFloatKeys() throws {
        let left = try TestBatch.make([
            ("d", .date, [dateValue("2024-01-02"), dateValue("2024-01-03"), .null]),
            ("f", .float64, [.float64(-0.0), .float64(.nan), .float64(1.5)]),
        ])
        let right = try TestBatch.make([
            ("d", .date, [dateValue("2024-01-01"), dateValue("2024-01-03")]),
            ("f", .float64, [.float64(0.0), .float64(.nan)]),
        ])
        func run(_ probeKeys: [PhysicalExpression], _ buildKeys: [PhysicalExpression]) throws -> Int {
            let stream = HashJoinStream(
                kind: .inner, probe: BatchListStream(schema: left.schema, batches: [left]),
                build: BatchListStream(schema: right.schema, batches: [right]),
                probeKeys: probeKeys, buildKeys: buildKeys, residual: nil,
                outputSchema: JoinTestData.outputSchema(.inner, left: left.schema, right: right.schema),
                context: ExecutionContext(threadCount: 1))
            return try JoinTestData.collect(stream, threadCount: 1).count
        }
        // Dates match 2024-01-03 only; shifted by a day on the right, 2024-01-02 only.
        #expect(try run([col(left, 0)], [col(right, 0)]) == 1)
        #expect(try run([col(left, 0)], [call(.dateAddDays, col(right, 0), int32(1))]) == 1)
        // -0.0 meets 0.0 and NaN meets NaN.
        #expect(try run([col(left, 1)], [col(right, 1)]) == 2)
        #expect(try run([col(left, 1), col(left, 0)], [col(right, 1), col(right, 0)]) == 1)
    }
}
