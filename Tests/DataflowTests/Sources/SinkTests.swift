import Dataflow
import Parquet
import SluiceCore
import Testing
import Warehouse

@Suite struct SinkTests {
    static let schema = try! Schema(parsing: "word STRING NOT NULL, count INT64, day DATE")

    static func rows(_ count: Int) -> [Row] {
        let layout = RowLayout.of(schema)
        return (0..<count).map { Row(layout: layout, values: [.string("w\($0)"), .int64(Int64($0 * 3)), .date(Int32(19_000 + $0 % 4))]) }
    }

    @Test func savesPartsAsParquetAndReadsThemBack() async throws {
        let bench = try SourceTestBench("save-parquet")
        defer { bench.close() }
        let output = "\(bench.folder)/out"
        let rows = Self.rows(500)
        try await bench.context.parallelize(rows, partitionCount: 3).saveAsParquet(to: output, schema: Self.schema)
        let names = try LocalFileSystem().list(output).map(\.name)
        #expect(names == ["_SUCCESS", "part-00000.parquet", "part-00001.parquet", "part-00002.parquet"])
        #expect(try await bench.context.parquetFile(output).collect() == rows)
        await #expect(throws: SluiceError.self) {
            try await bench.context.parallelize(rows).saveAsParquet(to: output, schema: Self.schema)
        }
        // Rows are matched by name: another order and a narrower integer are written as the schema says.
        let other = RowLayout.of(try Schema(parsing: "day DATE, count INT32, word STRING"))
        let reordered = rows.map { Row(layout: other, values: [$0[2], .int32(Int32(try! $0.int("count")!)), $0[0]]) }
        try await bench.context.parallelize(reordered, partitionCount: 2).saveAsParquet(to: output, schema: Self.schema, codec: .gzip, overwrite: true)
        #expect(try await bench.context.parquetFile(output).collect() == rows)
    }

    @Test func savesIntoATableInOneCommitAndReadsItBack() async throws {
        let bench = try SourceTestBench("save-table")
        defer { bench.close() }
        let path = "\(bench.folder)/words"
        let rows = Self.rows(400)
        let first = try await bench.context.parallelize(rows, partitionCount: 4).saveAsTable(path, partitionBy: ["day"])
        let table = try Table(fileSystem: LocalFileSystem(), path: path)
        // Version 0 creates the table; the four tasks' files land in one commit.
        #expect(first == 1)
        #expect(try table.snapshot().version == 1)
        #expect(try table.snapshot().files.count == 16)
        let back = try await bench.context.table(path).collect()
        #expect(Set(back.map(\.values)) == Set(rows.map(\.values)))

        let second = try await bench.context.parallelize(Array(rows.prefix(10)), partitionCount: 2).saveAsTable(path)
        #expect(second == 2)
        #expect(try await bench.context.table(path).count() == 410)
        let third = try await bench.context.parallelize(Array(rows.prefix(10)), partitionCount: 2).saveAsTable(path, mode: .overwrite)
        #expect(third == 3)
        #expect(Set(try await bench.context.table(path).collect().map(\.values)) == Set(rows.prefix(10).map(\.values)))
    }

    @Test func aRetriedTaskCommitsOnlyItsSuccessfulAttempt() async throws {
        let bench = try SourceTestBench("save-table-retry")
        defer { bench.close() }
        let path = "\(bench.folder)/retried"
        let rows = Self.rows(100)
        let injector = FailureInjector()
        let flaky = bench.context.parallelize(rows, partitionCount: 2).map { row -> Row in
            // The second partition fails once, after writing some of its rows.
            if (try? row.int("count")) == 210, injector.firstTime() { throw SluiceError.io("injected failure") }
            return row
        }
        try await flaky.saveAsTable(path, schema: Self.schema)
        let snapshot = try Table(fileSystem: LocalFileSystem(), path: path).snapshot()
        #expect(snapshot.files.count == 2)
        #expect(try await bench.context.table(path).count() == 100)
        // The failed attempt's file is gone: only the two committed files are in the folder.
        let dataFiles = try LocalFileSystem().list(path).filter { $0.name.hasSuffix(".parquet") }
        #expect(dataFiles.count == 2)
    }
}

/// Says yes exactly once, whichever task thread asks first.
final class FailureInjector: @unchecked Sendable {
    // Sendable: `used` is guarded by `lock`.
    private let lock = Mutex()
    private var used = false

    func firstTime() -> Bool {
        lock.withLock {
            defer { used = true }
            return !used
        }
    }
}
