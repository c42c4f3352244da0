import Foundation
import SluiceCore
import Testing
@testable import SQL

@Suite("HashJoinStream spilling")
struct HashJoinSpillTests {
    static let allKinds: [JoinKind] = [
        .inner, .left, .right, .full, .semi, .anti, .nullAwareAnti, .mark, .single, .rightSemi, .rightAnti,
    ]
    /// Key column sets, by position in `JoinTestData.sideFields` (INT32, STRING, composite),
    /// with or without the residual.
    static let cases: [([Int], Bool)] = [([0], false), ([1], true), ([0, 1], false), ([0, 1], true)]

    /// A fresh spill folder, removed after the body; the body gets its path.
    static func withSpillDirectory<T>(_ body: (String) throws -> T) throws -> T {
        let directory = NSTemporaryDirectory() + "sluice-join-spill-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try body(directory)
    }

    static func leftoverFiles(_ directory: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    }

    /// Runs one join with the given memory limit; returns its rows and operator details.
    static func run(kind: JoinKind, keys: [Int], withResidual: Bool, left: [[Value]], right: [[Value]],
                    threadCount: Int, memoryLimitBytes: Int, spillDirectory: String, seed: UInt64) throws -> ([[Value]], String) {
        var random = SeededRandomGenerator(seed: seed)
        let leftSchema = JoinTestData.schema(prefix: "l")
        let rightSchema = JoinTestData.schema(prefix: "r")
        let stream = HashJoinStream(
            kind: kind,
            probe: try JoinTestData.stream(left, schema: leftSchema, using: &random),
            build: try JoinTestData.stream(right, schema: rightSchema, using: &random),
            probeKeys: keys.map { .column(index: $0, type: leftSchema.fields[$0].type, name: leftSchema.fields[$0].name) },
            buildKeys: keys.map { .column(index: $0, type: rightSchema.fields[$0].type, name: rightSchema.fields[$0].name) },
            residual: withResidual ? HashJoinStreamTests.residual : nil,
            outputSchema: JoinTestData.outputSchema(kind, left: leftSchema, right: rightSchema),
            context: ExecutionContext(threadCount: threadCount, memoryLimitBytes: memoryLimitBytes,
                                      spillDirectory: spillDirectory, batchRowCountTarget: 64))
        let rows = try JoinTestData.collect(stream, threadCount: threadCount)
        return (rows, stream.operatorDetails)
    }

    @Test("with a tiny memory limit every kind agrees with the unlimited run and the reference", arguments: allKinds)
    func spilledAgrees(kind: JoinKind) throws {
        var seed: UInt64 = 1000 + UInt64(Self.allKinds.firstIndex(of: kind)!) * 100
        try Self.withSpillDirectory { directory in
            for (keys, withResidual) in Self.cases {
                seed += 1
                var random = SeededRandomGenerator(seed: seed)
                let keyDomain = kind == .single ? 100_000 : 300
                let left = JoinTestData.rows(count: 200, keyDomain: keyDomain, nullPercent: 10, using: &random)
                var right = JoinTestData.rows(count: 700, keyDomain: keyDomain, nullPercent: 10, using: &random)
                if kind == .single {
                    var seen = Set<[Value]>()
                    right = right.filter { row in seen.insert(keys.map { row[$0] }).inserted }
                }
                let residualTruth: (([Value], [Value]) -> Bool?)? =
                    withResidual ? { HashJoinStreamTests.residualReference($0, $1) } : nil
                let expected = JoinTestData.canonical(
                    try ReferenceJoin(kind: kind, leftKeys: keys, rightKeys: keys, residual: residualTruth, unknownByPair: false)
                        .run(left: left, right: right, rightWidth: 4, leftWidth: 4))
                for threadCount in [1, 4] {
                    let (unlimited, unlimitedDetails) = try Self.run(
                        kind: kind, keys: keys, withResidual: withResidual, left: left, right: right,
                        threadCount: threadCount, memoryLimitBytes: 1 << 30, spillDirectory: directory, seed: seed)
                    let (spilled, spilledDetails) = try Self.run(
                        kind: kind, keys: keys, withResidual: withResidual, left: left, right: right,
                        threadCount: threadCount, memoryLimitBytes: 16 << 10, spillDirectory: directory, seed: seed)
                    let label = "kind \(kind) keys \(keys) residual \(withResidual) threads \(threadCount)"
                    #expect(!unlimitedDetails.contains("spilled"), "\(label)")
                    // A single join's right side keeps one row per key: few for a string key alone.
                    if right.count >= 500 {
                        #expect(spilledDetails.contains("spilled: 16 partitions"), "\(label)")
                    }
                    #expect(JoinTestData.canonical(unlimited) == expected, "\(label)")
                    #expect(JoinTestData.canonical(spilled) == expected, "\(label)")
                    #expect(Self.leftoverFiles(directory).isEmpty, "\(label)")
                }
            }
        }
    }

    @Test("an INT64 key and empty sides spill correctly", arguments: [JoinKind.full, .mark, .nullAwareAnti, .anti, .rightAnti])
    func emptyProbeSide(kind: JoinKind) throws {
        try Self.withSpillDirectory { directory in
            var random = SeededRandomGenerator(seed: 77)
            let right = JoinTestData.rows(count: 2000, keyDomain: 500, nullPercent: 5, using: &random)
            for left in [[], JoinTestData.rows(count: 300, keyDomain: 500, nullPercent: 20, using: &random)] {
                let expected = try ReferenceJoin(kind: kind, leftKeys: [2], rightKeys: [2], residual: nil, unknownByPair: false)
                    .run(left: left, right: right, rightWidth: 4, leftWidth: 4)
                let (spilled, details) = try Self.run(kind: kind, keys: [2], withResidual: false, left: left, right: right,
                                                      threadCount: 4, memoryLimitBytes: 16 << 10, spillDirectory: directory, seed: 5)
                #expect(details.contains("spilled"))
                #expect(JoinTestData.canonical(spilled) == JoinTestData.canonical(expected))
            }
            #expect(Self.leftoverFiles(directory).isEmpty)
        }
    }

    @Test("a single join's second match fails while spilled, and leaves no files")
    func singleJoinError() throws {
        try Self.withSpillDirectory { directory in
            var random = SeededRandomGenerator(seed: 3)
            let left = JoinTestData.rows(count: 300, keyDomain: 50, nullPercent: 0, using: &random)
            let right = JoinTestData.rows(count: 2000, keyDomain: 50, nullPercent: 0, using: &random)
            #expect(throws: SluiceError.self) {
                _ = try Self.run(kind: .single, keys: [0], withResidual: false, left: left, right: right,
                                 threadCount: 4, memoryLimitBytes: 16 << 10, spillDirectory: directory, seed: 4)
            }
            #expect(Self.leftoverFiles(directory).isEmpty)
        }
    }

    @Test("a dropped stream deletes its spill files")
    func droppedStream() throws {
        try Self.withSpillDirectory { directory in
            var random = SeededRandomGenerator(seed: 8)
            let leftSchema = JoinTestData.schema(prefix: "l")
            let rightSchema = JoinTestData.schema(prefix: "r")
            let left = JoinTestData.rows(count: 2000, keyDomain: 400, nullPercent: 5, using: &random)
            let right = JoinTestData.rows(count: 2000, keyDomain: 400, nullPercent: 5, using: &random)
            do {
                let stream = HashJoinStream(
                    kind: .inner,
                    probe: try JoinTestData.stream(left, schema: leftSchema, using: &random),
                    build: try JoinTestData.stream(right, schema: rightSchema, using: &random),
                    probeKeys: [.column(index: 0, type: .int32, name: "lk32")],
                    buildKeys: [.column(index: 0, type: .int32, name: "rk32")],
                    residual: nil, outputSchema: JoinTestData.outputSchema(.inner, left: leftSchema, right: rightSchema),
                    context: ExecutionContext(threadCount: 2, memoryLimitBytes: 16 << 10, spillDirectory: directory))
                #expect(try stream.next() != nil)
                #expect(!Self.leftoverFiles(directory).isEmpty)
            }
            #expect(Self.leftoverFiles(directory).isEmpty)
        }
    }

    @Test("a session with a small memory limit joins tables through spilling")
    func sessionJoin() throws {
        let root = NSTemporaryDirectory() + "sluice-sql-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let spillDirectory = root + "/spill"
        let limited = ExecutionContext(threadCount: 2, memoryLimitBytes: 256 << 10, spillDirectory: spillDirectory)
        let session = SQLSession(catalog: WarehouseCatalog(root: root), context: limited)
        let seedRows = (0..<64).map { i in "(\(i), 'name \(i % 7)', \(i % 5 == 0 ? "NULL" : String(i * 3)))" }
        _ = try session.executeScript("""
            CREATE TABLE facts (id BIGINT, label VARCHAR, amount BIGINT);
            CREATE TABLE dims (id BIGINT, label VARCHAR, note VARCHAR);
            INSERT INTO facts VALUES \(seedRows.joined(separator: ", "));
            """)
        // Doubling eight times: 16,384 fact rows.
        for step in 0..<8 {
            _ = try session.execute("INSERT INTO facts SELECT id + \(64 << step), label, amount FROM facts")
        }
        _ = try session.execute("""
            INSERT INTO dims SELECT id % 9000, label, 'a note long enough to make the rows wide ' || label FROM facts
            """)
        let queries = [
            "SELECT f.id, f.amount, d.note FROM facts f JOIN dims d ON f.id = d.id AND f.label = d.label",
            "SELECT f.id, d.id FROM facts f FULL JOIN dims d ON f.id = d.id + 5000",
            "SELECT count(*) FROM facts f WHERE f.amount NOT IN (SELECT id FROM dims)",
            "SELECT f.id FROM facts f WHERE EXISTS (SELECT 1 FROM dims d WHERE d.id = f.id AND d.label <> f.label)",
        ]
        let unlimited = ExecutionContext(threadCount: 2, spillDirectory: spillDirectory)
        for query in queries {
            let expected = SessionTestSupport.rows(try session.execute(query, context: unlimited)).sorted()
            let actual = SessionTestSupport.rows(try session.execute(query)).sorted()
            #expect(actual == expected, "\(query)")
            #expect(!expected.isEmpty, "\(query)")
            #expect(Self.leftoverFiles(spillDirectory).isEmpty, "\(query)")
        }
        let plan = SessionTestSupport.rows(try session.execute("EXPLAIN ANALYZE " + queries[0])).joined(separator: "\n")
        #expect(plan.contains("spilled: 16 partitions"), "\(plan)")
    }
}
