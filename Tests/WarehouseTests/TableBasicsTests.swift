import Foundation
import Testing
@testable import Warehouse
import SluiceCore

/// A fresh folder per test, removed afterwards.
final class ScratchFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "sluice-warehouse-\(UUID().uuidString)"
        try LocalFileSystem().makeDirectories(path)
    }

    deinit { try? LocalFileSystem().delete(path, recursive: true) }
}

enum SampleRows {
    static let schema = Schema([Field("id", .int64, nullable: false), Field("country", .string), Field("amount", .float64)])

    static func batch(_ rows: [(Int64, String?, Double?)]) throws -> RecordBatch {
        RecordBatch(schema: schema, columns: [
            try Column(type: .int64, rows.map { .int64($0.0) }),
            try Column(type: .string, rows.map { $0.1.map(Value.string) ?? .null }),
            try Column(type: .float64, rows.map { $0.2.map(Value.float64) ?? .null }),
        ])
    }

    static func ids(_ table: Table, version: Int64? = nil) throws -> [Int64] {
        let snapshot = try version.map { try table.snapshot(version: $0) } ?? table.snapshot()
        var scan = try table.scan(snapshot: snapshot)
        let all = try scan.readAll()
        return (0..<all.rowCount).compactMap { if case .int64(let id) = all.columns[0][$0] { id } else { nil } }.sorted()
    }
}

@Suite struct TableBasicsTests {
    @Test func createAppendReadDeleteTravel() throws {
        let folder = try ScratchFolder()
        let clock = ManualWallClock(startMillis: 1_700_000_000_000)
        let table = try Table.create(fileSystem: LocalFileSystem(), path: folder.path + "/orders", schema: SampleRows.schema,
                                     partitionColumns: ["country"], clock: clock)
        clock.advance(byMillis: 1000)
        try table.append([try SampleRows.batch([(1, "DE", 10), (2, "FR", 20), (3, "DE", nil), (4, nil, 5)])])
        clock.advance(byMillis: 1000)
        try table.append([try SampleRows.batch([(5, "FR", 50)])])
        #expect(try SampleRows.ids(table) == [1, 2, 3, 4, 5])
        #expect(try table.snapshot().files.count == 4)

        var scan = try table.scan(predicates: [try ColumnPredicate(parsing: "country = 'DE'")])
        #expect(scan.files.count == 1)
        #expect(try scan.readAll().rowCount == 2)

        clock.advance(byMillis: 1000)
        let deletion = try #require(try table.delete(where: [try ColumnPredicate(parsing: "amount >= 20")]))
        #expect(deletion.version == 3)
        #expect(try SampleRows.ids(table) == [1, 3, 4])
        #expect(try SampleRows.ids(table, version: 2) == [1, 2, 3, 4, 5])
        #expect(try SampleRows.ids(table, version: 1) == [1, 2, 3, 4])
        #expect(try table.snapshot(asOfMillis: 1_700_000_001_500).version == 1)
        #expect(try table.delete(where: [try ColumnPredicate(parsing: "id = 99")]) == nil)

        let history = try table.history()
        #expect(history.map(\.operation) == ["DELETE", "WRITE", "WRITE", "CREATE TABLE"])
        #expect(history[0].metrics["numDeletedRows"] == .integer(2))
    }

    @Test func idempotentTransactionsSkipReplays() throws {
        let folder = try ScratchFolder()
        let table = try Table.create(fileSystem: LocalFileSystem(), path: folder.path + "/t", schema: SampleRows.schema)
        let batch = try SampleRows.batch([(1, "DE", 1)])
        #expect(try table.append([batch], transaction: TransactionAction(appId: "sink", version: 7)) != nil)
        #expect(try table.append([batch], transaction: TransactionAction(appId: "sink", version: 7)) == nil)
        #expect(try table.isCommitted(appId: "sink", version: 7))
        #expect(try SampleRows.ids(table) == [1])
        #expect(try LocalFileSystem().list(folder.path + "/t").filter { !$0.isDirectory }.count == 1)
    }

    @Test func badRowsAreRefusedBeforeAnyCommit() throws {
        let folder = try ScratchFolder()
        let table = try Table.create(fileSystem: LocalFileSystem(), path: folder.path + "/t", schema: SampleRows.schema)
        let missingId = RecordBatch(schema: Schema([Field("country", .string)]), columns: [try Column(type: .string, [.string("x")])])
        let error = try #require(throws: SluiceError.self) { try table.append([missingId]) }
        #expect(error.message.contains("'id'"))
        let extra = RecordBatch(schema: Schema([Field("id", .int64), Field("color", .string)]),
                                columns: [try Column(type: .int64, [.int64(1)]), try Column(type: .string, [.string("red")])])
        #expect(throws: SluiceError.self) { try table.append([extra]) }
        #expect(try table.snapshot().version == 0)
    }
}
