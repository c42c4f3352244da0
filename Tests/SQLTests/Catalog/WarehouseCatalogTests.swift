import Foundation
import SluiceCore
import Testing
import Warehouse
@testable import SQL

@Suite struct WarehouseCatalogTests {
    private func withCatalog(_ body: (String, WarehouseCatalog) throws -> Void) throws {
        let folder = try CatalogFixture.folder()
        defer { CatalogFixture.remove(folder) }
        try body(folder, WarehouseCatalog(root: folder + "/warehouse"))
    }

    private func scanAll(_ source: any TableSource, filters: [PhysicalExpression] = [], threadCount: Int = 1) throws -> RecordBatch {
        let stream = try source.scan(columns: Array(source.schema.fields.indices), filters: filters,
                                     context: ExecutionContext(threadCount: threadCount))
        return try CatalogFixture.drainParallel(stream, threadCount: threadCount, sortedBy: source.schema.fields[0].name)
    }

    @Test func createInsertDeleteTimeTravelAndDrop() throws {
        try withCatalog { _, catalog in
            #expect(try catalog.tableNames().isEmpty)
            try catalog.createTable(named: "Items", schema: CatalogFixture.schema, partitionColumns: [], ifNotExists: false)
            #expect(throws: SluiceError.self) {
                try catalog.createTable(named: "items", schema: CatalogFixture.schema, partitionColumns: [], ifNotExists: false)
            }
            try catalog.createTable(named: "items", schema: CatalogFixture.schema, partitionColumns: [], ifNotExists: true)
            #expect(try catalog.tableNames() == ["Items"])

            #expect(try catalog.insert(into: "items", batches: [try CatalogFixture.rows(count: 300)]) == 300)
            #expect(try catalog.insert(into: "ITEMS", batches: [try CatalogFixture.rows(count: 200, firstID: 300)]) == 200)
            let latest = try catalog.table(named: "items", at: .latest)
            #expect(latest.statistics.rowCount == 500)
            #expect(try scanAll(latest, threadCount: 4).columns == (try CatalogFixture.rows(count: 500)).columns)

            // DELETE WHERE id % 2 = 0 AND id < 100 OR id >= 450.
            let id = CatalogFixture.column(CatalogFixture.schema, "id")
            let even = PhysicalExpression.comparison(.equal, .arithmetic(.modulo, id, .literal(.int64(2), .int64), resultType: .int64),
                                                     .literal(.int64(0), .int64))
            let predicate = PhysicalExpression.or([
                .and([even, .comparison(.less, id, .literal(.int64(100), .int64))]),
                .comparison(.greaterOrEqual, id, .literal(.int64(450), .int64)),
            ])
            #expect(try catalog.delete(from: "items", where: predicate, context: ExecutionContext()) == 100)
            let remaining = try scanAll(catalog.table(named: "items", at: .latest)).columns[0]
            let survivors: [Int] = (0..<450).filter { (id: Int) -> Bool in id >= 100 || id % 2 == 1 }
            let expected: [Value] = survivors.map { Value.int64(Int64($0)) }
            #expect(remaining == (try Column(type: .int64, expected)))

            // Version 0 is the empty table, 1 the first insert, 2 the second, 3 the delete.
            #expect(try scanAll(catalog.table(named: "items", at: .number(1))).rowCount == 300)
            #expect(try scanAll(catalog.table(named: "items", at: .number(2))).rowCount == 500)
            let newest = try catalog.table(named: "items", at: .asOfMillis(Int64.max))
            #expect(newest.statistics.rowCount == 400)
            #expect(throws: SluiceError.self) { _ = try catalog.table(named: "items", at: .number(9)) }

            #expect(try catalog.delete(from: "items", where: nil, context: ExecutionContext()) == 400)
            #expect(try catalog.table(named: "items", at: .latest).statistics.rowCount == 0)

            try catalog.dropTable(named: "ITEMS", ifExists: false)
            #expect(try catalog.tableNames().isEmpty)
            try catalog.dropTable(named: "items", ifExists: true)
            let error = #expect(throws: SluiceError.self) { try catalog.dropTable(named: "items", ifExists: false) }
            #expect(error?.condition == .notFound)
        }
    }

    @Test func partitionedTablePrunesFilesAndFillsPartitionColumns() throws {
        try withCatalog { _, catalog in
            try catalog.createTable(named: "sales", schema: CatalogFixture.schema, partitionColumns: ["category"], ifNotExists: false)
            _ = try catalog.insert(into: "sales", batches: [try CatalogFixture.rows(count: 100)])
            let source = try catalog.table(named: "sales", at: .latest) as! WarehouseTableSource
            #expect(source.snapshot.files.count == 5)
            // Output columns [category, id]: the filter reads output position 0.
            let outputCategory = PhysicalExpression.column(index: 0, type: .string, name: "category")
            let filter = PhysicalExpression.inList(outputCategory, [.literal(.string("beta"), .string), .literal(.string("delta"), .string)],
                                                   negated: false)
            let stream = try source.scan(columns: [1, 0], filters: [filter], context: ExecutionContext(threadCount: 2))
            #expect(stream.operatorDetails.contains("files: 2 of 5"))
            let rows = try CatalogFixture.drainParallel(stream, threadCount: 2, sortedBy: "id")
            let kept: [Int] = (0..<100).filter { (id: Int) -> Bool in id % 5 == 1 || id % 5 == 3 }
            let expectedIDs: [Value] = kept.map { Value.int64(Int64($0)) }
            #expect(rows.columns[1] == (try Column(type: .int64, expectedIDs)))
            #expect((0..<rows.rowCount).allSatisfy { [Value.string("beta"), .string("delta")].contains(rows.columns[0][$0]) })

            // Statistics prune data files too: ids of one partition file span 0...99.
            let id = CatalogFixture.column(source.schema, "id")
            let none = try source.scan(columns: [0], filters: [.comparison(.greater, id, .literal(.int64(1000), .int64))],
                                       context: ExecutionContext())
            #expect(none.operatorDetails.contains("files: 0 of 5"))
            #expect(try none.next() == nil)
        }
    }

    @Test func misspelledNamesGetASuggestion() throws {
        try withCatalog { _, catalog in
            try catalog.createTable(named: "lineitem", schema: CatalogFixture.schema, partitionColumns: [], ifNotExists: false)
            let error = #expect(throws: SluiceError.self) { _ = try catalog.table(named: "lineitems", at: .latest) }
            #expect(error?.condition == .notFound)
            #expect(error?.message.contains("did you mean 'lineitem'?") == true)
            let far = #expect(throws: SluiceError.self) { _ = try catalog.table(named: "orders", at: .latest) }
            #expect(far?.message.contains("did you mean") == false)
            #expect(NameSuggestion.closest(to: "l_quantiy", among: ["l_quantity", "l_tax"]) == "l_quantity")
            #expect(NameSuggestion.closest(to: "NATION", among: ["region", "nation"]) == "nation")
            #expect(NameSuggestion.closest(to: "xyz", among: ["region", "nation"]) == nil)
        }
    }

    @Test func registeredFilesShadowTablesAndGlobsReadSeveralFiles() throws {
        try withCatalog { folder, catalog in
            for part in 0..<3 {
                try CatalogFixture.writeParquet(try CatalogFixture.rows(count: 100, firstID: part * 100),
                                                to: folder + "/part-\(part).parquet", rowGroupRowCount: 40)
            }
            try catalog.createTable(named: "parts", schema: CatalogFixture.schema, partitionColumns: [], ifNotExists: false)
            try catalog.register(name: "Parts", path: folder + "/part-*.parquet")
            #expect(try catalog.tableNames() == ["Parts"])
            let source = try catalog.table(named: "parts", at: .latest)
            #expect(source is ParquetFilesSource)
            #expect(source.statistics.rowCount == 300)
            #expect(try scanAll(source, threadCount: 4).columns == (try CatalogFixture.rows(count: 300)).columns)
            #expect(throws: SluiceError.self) { _ = try catalog.table(named: "parts", at: .number(0)) }
            #expect(throws: SluiceError.self) { _ = try catalog.insert(into: "parts", batches: []) }

            let direct = try catalog.files(folder + "/part-[01].parquet", format: nil)
            #expect(direct.statistics.rowCount == 200)
            let nested = try catalog.files(folder + "/**/part-2.parquet", format: nil)
            #expect(nested.statistics.rowCount == 100)
            let missing = #expect(throws: SluiceError.self) { _ = try catalog.files(folder + "/none-*.parquet", format: nil) }
            #expect(missing?.fault == .userInput)
            #expect(throws: SluiceError.self) { _ = try catalog.files(folder + "/part-0.parquet", format: nil).scan(columns: [7], filters: [], context: ExecutionContext()) }
        }
    }

    @Test func relativePathsResolveAgainstTheWorkingDirectory() throws {
        try withCatalog { folder, catalog in
            try CatalogFixture.writeParquet(try CatalogFixture.rows(count: 10), to: folder + "/here.parquet", rowGroupRowCount: 10)
            let relative = String(repeating: "../", count: 20) + folder.dropFirst() + "/here.parquet"
            #expect(try catalog.files(relative, format: .parquet).statistics.rowCount == 10)
        }
    }

    @Test func csvAndJSONLinesFiles() throws {
        try withCatalog { folder, catalog in
            var csv = "id,name,amount\n"
            var json = ""
            for id in 0..<500 {
                csv += "\(id),name\(id % 3),\(id % 10 == 0 ? "" : String(Double(id) / 4))\n"
                json += "{\"id\": \(id), \"name\": \"name\(id % 3)\"\(id % 10 == 0 ? "" : ", \"amount\": \(Double(id) / 4)")}\n"
            }
            try LocalFileSystem().write(Array(csv.utf8), to: folder + "/rows.csv")
            try LocalFileSystem().write(Array(json.utf8), to: folder + "/rows.jsonl")
            for (path, format) in [("rows.csv", FileFormat?.none), ("rows.jsonl", nil), ("rows.csv", .csv)] {
                let source = try catalog.files(folder + "/" + path, format: format)
                #expect(source.schema.fields.map(\.type) == [.int64, .string, .float64])
                #expect((source.statistics.rowCount ?? 0) > 400)
                // Output columns [amount, id, name]: the filter reads output position 2.
                let name = PhysicalExpression.column(index: 2, type: .string, name: "name")
                let filter = PhysicalExpression.comparison(.equal, name, .literal(.string("name1"), .string))
                let stream = try source.scan(columns: [2, 0, 1], filters: [filter], context: ExecutionContext(batchRowCountTarget: 8))
                let rows = try CatalogFixture.drainParallel(stream, threadCount: 4, sortedBy: "id")
                let ids: [Int] = (0..<500).filter { (id: Int) -> Bool in id % 3 == 1 }
                #expect(rows.columns[1] == (try Column(type: .int64, ids.map { .int64(Int64($0)) })))
                #expect(rows.columns[0] == (try Column(type: .float64, ids.map { $0 % 10 == 0 ? .null : .float64(Double($0) / 4) })))
            }
            #expect(throws: SluiceError.self) { _ = try catalog.files(folder + "/rows.unknown", format: nil) }
        }
    }
}

@Suite struct StreamingOperatorTests {
    private func numbers(_ batches: [[Int64]]) throws -> BatchListStream {
        let schema = Schema([Field("n", .int64)])
        return BatchListStream(schema: schema, batches: try batches.map {
            RecordBatch(schema: schema, columns: [try Column(type: .int64, $0.map { .int64($0) })])
        })
    }

    @Test func filterKeepsTrueRowsAndSkipsEmptyBatches() throws {
        let n = PhysicalExpression.column(index: 0, type: .int64, name: "n")
        let stream = FilterStream(input: try numbers([[1, 2, 3], [4, 5], [6, 7, 8, 9]]),
                                  predicate: .comparison(.greater, n, .literal(.int64(5), .int64)))
        #expect(try stream.next()?.columns[0] == (try Column(type: .int64, [.int64(6), .int64(7), .int64(8), .int64(9)])))
        #expect(try stream.next() == nil)
        #expect(stream.operatorName == "Filter")
    }

    @Test func projectEvaluatesEachExpression() throws {
        let n = PhysicalExpression.column(index: 0, type: .int64, name: "n")
        let doubled = PhysicalExpression.arithmetic(.multiply, n, .literal(.int64(2), .int64), resultType: .int64)
        let schema = Schema([Field("doubled", .int64), Field("n", .int64), Field("big", .boolean)])
        let stream = ProjectStream(input: try numbers([[1, 2], [3]]),
                                   expressions: [doubled, n, .comparison(.greater, n, .literal(.int64(1), .int64))],
                                   outputSchema: schema)
        let rows = try CatalogFixture.drain(stream)
        #expect(rows.schema == schema)
        #expect(rows.row(2) == [.int64(6), .int64(3), .boolean(true)])
        #expect(rows.row(0) == [.int64(2), .int64(1), .boolean(false)])
    }
}

@Suite struct FileGlobTests {
    @Test func componentPatterns() {
        #expect(FileGlob.matches("part-1.parquet", "part-*.parquet"))
        #expect(FileGlob.matches("a.parquet", "*.parquet"))
        #expect(!FileGlob.matches("a.parquet.tmp", "*.parquet"))
        #expect(FileGlob.matches("x7", "x[0-9]"))
        #expect(!FileGlob.matches("xa", "x[0-9]"))
        #expect(FileGlob.matches("xa", "x[!0-9]"))
        #expect(FileGlob.matches("abc", "a?c"))
        #expect(!FileGlob.matches("ac", "a?c"))
    }
}
