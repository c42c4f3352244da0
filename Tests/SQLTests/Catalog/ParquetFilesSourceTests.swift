import Parquet
import SluiceCore
import Testing
@testable import SQL

@Suite struct ParquetFilesSourceTests {
    /// 1,000 rows in row groups of 100: ids 0..<1000.
    private func withSample(_ body: (String, ParquetFilesSource) throws -> Void) throws {
        let folder = try CatalogFixture.folder()
        defer { CatalogFixture.remove(folder) }
        let path = folder + "/sample.parquet"
        try CatalogFixture.writeParquet(try CatalogFixture.rows(count: 1000), to: path, rowGroupRowCount: 100)
        let source = try ParquetFilesSource(fileSystem: LocalFileSystem(), paths: [path], displayName: "'sample.parquet'")
        try body(path, source)
    }

    private func directRead(_ path: String) throws -> RecordBatch {
        let reader = try ParquetReader(fileSystem: LocalFileSystem(), path: path)
        let groups = try (0..<reader.rowGroupCount).map { try reader.readRowGroup($0) }
        return RecordBatch.concatenate(groups, schema: reader.schema)
    }

    @Test func fullScanMatchesReadingTheFile() throws {
        try withSample { path, source in
            #expect(source.statistics.rowCount == 1000)
            #expect((source.statistics.sizeBytes ?? 0) > 0)
            #expect(source.schema.fields.map(\.name) == ["id", "category", "price", "score", "day"])
            let stream = try source.scan(columns: [0, 1, 2, 3, 4], filters: [], context: ExecutionContext(threadCount: 1))
            let scanned = try CatalogFixture.drain(stream)
            let direct = try directRead(path)
            #expect(scanned.columns == direct.columns)
            #expect(CatalogFixture.parquetStream(stream).rowGroupCountRead == 10)
        }
    }

    @Test func integerAndDateColumnsHaveAtMostAsManyValuesAsTheirRangeAcrossFiles() throws {
        let folder = try CatalogFixture.folder()
        defer { CatalogFixture.remove(folder) }
        try CatalogFixture.writeParquet(try CatalogFixture.rows(count: 1000), to: folder + "/a.parquet", rowGroupRowCount: 100)
        try CatalogFixture.writeParquet(try CatalogFixture.rows(count: 500, firstID: 1500), to: folder + "/b.parquet",
                                        rowGroupRowCount: 100)
        let source = try ParquetFilesSource(fileSystem: LocalFileSystem(), paths: [folder + "/a.parquet", folder + "/b.parquet"],
                                            displayName: "'*.parquet'")
        #expect(source.distinctValueCountMax(ofColumn: "id") == 2000)  // 0 ... 1999, though 1,500 rows
        #expect(source.distinctValueCountMax(ofColumn: "score") == 100)  // 0 ... 99, with nulls
        #expect(source.distinctValueCountMax(ofColumn: "day") == 365)
        #expect(source.distinctValueCountMax(ofColumn: "category") == nil)  // strings are not bounded
        #expect(source.distinctValueCountMax(ofColumn: "price") == nil)
        #expect(source.distinctValueCountMax(ofColumn: "missing") == nil)
    }

    @Test func projectionReturnsColumnsInTheOrderAsked() throws {
        try withSample { path, source in
            let stream = try source.scan(columns: [3, 0], filters: [], context: ExecutionContext(threadCount: 1))
            #expect(stream.schema.fields.map(\.name) == ["score", "id"])
            let scanned = try CatalogFixture.drain(stream)
            let direct = try directRead(path)
            #expect(scanned.columns == [direct.columns[3], direct.columns[0]])
        }
    }

    @Test func rangeFilterSkipsRowGroupsAndKeepsExactlyTheMatchingRows() throws {
        try withSample { _, source in
            // Output columns: [category, id]; the filter reads id (output position 1).
            let id = PhysicalExpression.column(index: 1, type: .int64, name: "id")
            let filter = PhysicalExpression.and([
                .comparison(.greaterOrEqual, id, .literal(.int64(250), .int64)),
                .comparison(.less, id, .literal(.int32(420), .int32)),
            ])
            let stream = try source.scan(columns: [1, 0], filters: [filter], context: ExecutionContext(threadCount: 1))
            let scan = CatalogFixture.parquetStream(stream)
            #expect(scan.rowGroupCountRead == 3)  // 200..<300, 300..<400, 400..<500
            #expect(scan.rowGroupCountTotal == 10)
            #expect(stream.operatorDetails.contains("row groups: 3 of 10"))
            let scanned = try CatalogFixture.drain(stream)
            #expect(scanned.columns[1] == (try Column(type: .int64, (250..<420).map { .int64(Int64($0)) })))
            #expect(scanned.columns[0][0] == .string(CatalogFixture.categories[0]))
        }
    }

    @Test func literalOnTheLeftAndDecimalAndDateLiteralsPrune() throws {
        try withSample { _, source in
            let schema = source.schema
            let price = CatalogFixture.column(schema, "price")
            // 100.00 < price: id > 80, and price <= 250.00: id <= 200.
            let filters: [PhysicalExpression] = [
                .comparison(.less, .literal(.decimal(10000, scale: 2), .decimal(precision: 5, scale: 2)), price),
                .comparison(.lessOrEqual, price, .literal(.int32(250), .int32)),
            ]
            let stream = try source.scan(columns: [0, 1, 2, 3, 4], filters: filters, context: ExecutionContext(threadCount: 1))
            #expect(CatalogFixture.parquetStream(stream).rowGroupCountRead == 3)
            let ids = try CatalogFixture.drain(stream).columns[0]
            #expect(ids == (try Column(type: .int64, (81...200).map { .int64(Int64($0)) })))
        }
    }

    @Test func inexactLiteralsDoNotPruneWrongly() throws {
        try withSample { _, source in
            // id < 100.5 must keep id 100 (row group 1): the literal is not an INT64.
            let id = CatalogFixture.column(source.schema, "id")
            let filter = PhysicalExpression.comparison(.less, id, .literal(.decimal(1005, scale: 1), .decimal(precision: 4, scale: 1)))
            let stream = try source.scan(columns: [0], filters: [filter], context: ExecutionContext(threadCount: 1))
            #expect(try CatalogFixture.drain(stream).rowCount == 101)
        }
    }

    @Test func betweenInListAndIsNullPrune() throws {
        try withSample { _, source in
            let id = CatalogFixture.column(source.schema, "id")
            let between = PhysicalExpression.between(id, low: .literal(.int64(510), .int64), high: .literal(.int64(530), .int64), negated: false)
            var stream = try source.scan(columns: [0, 1, 2, 3, 4], filters: [between], context: ExecutionContext(threadCount: 1))
            #expect(CatalogFixture.parquetStream(stream).rowGroupCountRead == 1)
            #expect(try CatalogFixture.drain(stream).rowCount == 21)

            let list = PhysicalExpression.inList(id, [.literal(.int64(5), .int64), .literal(.int64(905), .int64), .literal(.null, .int64)],
                                                 negated: false)
            stream = try source.scan(columns: [0, 1, 2, 3, 4], filters: [list], context: ExecutionContext(threadCount: 1))
            #expect(CatalogFixture.parquetStream(stream).rowGroupCountRead == 2)
            #expect(try CatalogFixture.drain(stream).columns[0] == (try Column(type: .int64, [.int64(5), .int64(905)])))

            let either = PhysicalExpression.or([
                .comparison(.equal, id, .literal(.int64(42), .int64)),
                .comparison(.greaterOrEqual, id, .literal(.int64(990), .int64)),
            ])
            stream = try source.scan(columns: [0], filters: [either], context: ExecutionContext(threadCount: 1))
            #expect(CatalogFixture.parquetStream(stream).rowGroupCountRead == 2)
            #expect(try CatalogFixture.drain(stream).rowCount == 11)

            let score = CatalogFixture.column(source.schema, "score")
            stream = try source.scan(columns: [0, 1, 2, 3, 4], filters: [.isNull(score, negated: false)],
                                     context: ExecutionContext(threadCount: 1))
            #expect(CatalogFixture.parquetStream(stream).rowGroupCountRead == 10)  // Every group has a null.
            #expect(try CatalogFixture.drain(stream).rowCount == 143)  // Multiples of 7 below 1000.
        }
    }

    @Test func filtersOfOtherShapesStillFilterExactly() throws {
        try withSample { _, source in
            let schema = source.schema
            let like = PhysicalExpression.like(CatalogFixture.column(schema, "category"), pattern: .literal(.string("%ta"), .string),
                                               escape: nil, negated: false)
            let stream = try source.scan(columns: [0, 1, 2, 3, 4], filters: [like], context: ExecutionContext(threadCount: 1))
            #expect(CatalogFixture.parquetStream(stream).rowGroupCountRead == 10)
            let names = try CatalogFixture.drain(stream).columns[1]
            #expect(names.count == 400)  // beta and delta
            #expect((0..<names.count).allSatisfy { names[$0] == .string("beta") || names[$0] == .string("delta") })
        }
    }

    @Test func fourThreadsSeeEveryRowExactlyOnce() throws {
        let folder = try CatalogFixture.folder()
        defer { CatalogFixture.remove(folder) }
        let path = folder + "/big.parquet"
        try CatalogFixture.writeParquet(try CatalogFixture.rows(count: 20_000), to: path, rowGroupRowCount: 3_000)
        let source = try ParquetFilesSource(fileSystem: LocalFileSystem(), paths: [path], displayName: "'big.parquet'")
        // Pieces of 16 * 100 rows: every row group is split, and pieces go to any thread.
        let context = ExecutionContext(threadCount: 4, batchRowCountTarget: 100)
        let progress = QueryProgress()
        var withProgress = context
        withProgress.progress = progress
        let stream = try source.scan(columns: [0, 3], filters: [], context: withProgress)
        let rows = try CatalogFixture.drainParallel(stream, threadCount: 4, sortedBy: "id")
        #expect(rows.columns[0] == (try Column(type: .int64, (0..<20_000).map { .int64(Int64($0)) })))
        #expect(progress.fractionDone == 1)

        let id = PhysicalExpression.column(index: 0, type: .int64, name: "id")
        let filtered = try source.scan(columns: [0, 3], filters: [.comparison(.greaterOrEqual, id, .literal(.int64(5_000), .int64))],
                                       context: context)
        let kept = try CatalogFixture.drainParallel(filtered, threadCount: 4, sortedBy: "id")
        #expect(kept.columns[0] == (try Column(type: .int64, (5_000..<20_000).map { .int64(Int64($0)) })))
        #expect(kept.columns[1] == rows.columns[1].slice(5_000..<20_000))
    }

    @Test func scanOfNoColumnsIsAPlannerBug() throws {
        try withSample { _, source in
            #expect(throws: SluiceError.self) { _ = try source.scan(columns: [], filters: [], context: ExecutionContext()) }
        }
    }
}
