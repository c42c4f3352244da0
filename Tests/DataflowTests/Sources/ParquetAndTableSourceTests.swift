import Dataflow
import Parquet
import SluiceCore
import Testing
import Warehouse

@Suite struct ParquetAndTableSourceTests {
    static let schema = try! Schema(parsing: "id INT64 NOT NULL, city STRING, amount FLOAT64")

    static func batch(_ ids: Range<Int>) -> RecordBatch {
        let rows = ids.map { id -> [Value] in [.int64(Int64(id)), id % 5 == 0 ? .null : .string("c\(id % 3)"), .float64(Double(id) / 2)] }
        return RecordBatch(schema: schema, columns: (0..<3).map { column in try! Column(type: schema.fields[column].type, rows.map { $0[column] }) })
    }

    @Test func readsEveryRowGroupOfAParquetFileAsOnePartition() async throws {
        let bench = try SourceTestBench("parquet-source")
        defer { bench.close() }
        let path = "\(bench.folder)/data.parquet"
        var options = ParquetWriterOptions(codec: .snappy)
        options.rowGroupRowCountMax = 250
        let writer = try ParquetWriter(file: LocalFileSystem().create(path, overwrite: false), schema: Self.schema, options: options)
        try writer.write(Self.batch(0..<1000))
        _ = try writer.close()

        let rows = try bench.context.parquetFile(path)
        #expect(rows.partitionCount == 4)
        #expect(try await collectValues(rows) == (0..<1000).map { Self.batch($0..<($0 + 1)).row(0) })
        let projected = try await collectValues(try bench.context.parquetFile(path, columns: ["amount", "id"]))
        #expect(projected.count == 1000)
        #expect(projected[7] == [.float64(3.5), .int64(7)])
    }

    @Test func readsATableAtItsNewestAndAnOlderVersion() async throws {
        let bench = try SourceTestBench("table-source")
        defer { bench.close() }
        let path = "\(bench.folder)/sales"
        let table = try Table.create(fileSystem: LocalFileSystem(), path: path, schema: Self.schema, partitionColumns: ["city"])
        try table.append([Self.batch(0..<100)])
        try table.append([Self.batch(100..<130)])

        let newest = try bench.context.table(path)
        #expect(newest.partitionCount == (try table.snapshot()).files.count)
        let sorted = try await newest.collect().sorted { (try! $0.int("id")!) < (try! $1.int("id")!) }
        #expect(sorted.map(\.values) == (0..<130).map { Self.batch($0..<($0 + 1)).row(0) })
        #expect(sorted.first?.schema == Self.schema)
        #expect(try await bench.context.table(path, version: 1).count() == 100)
    }
}
