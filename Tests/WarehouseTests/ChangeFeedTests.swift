import Foundation
import Testing
@testable import Warehouse
import SluiceCore

@Suite struct ChangeFeedTests {
    /// One change, for comparing feeds.
    private struct Change: Hashable, CustomStringConvertible {
        var type: String
        var version: Int64
        var id: Int64

        var description: String { "\(type)@\(version):\(id)" }
    }

    private func changes(_ table: Table, from: Int64, to: Int64? = nil) throws -> [Change] {
        var feed = try table.changes(fromVersion: from, toVersion: to)
        var result: [Change] = []
        while let batch = try feed.next() {
            #expect(batch.schema == feed.schema)
            let type = try #require(batch.column(named: ChangeFeed.changeTypeColumn))
            let version = try #require(batch.column(named: ChangeFeed.commitVersionColumn))
            let id = try #require(batch.column(named: "id"))
            for row in 0..<batch.rowCount {
                guard case .string(let text) = type[row], case .int64(let number) = version[row], case .int64(let key) = id[row] else {
                    Issue.record("unexpected change row \(batch.row(row))")
                    continue
                }
                result.append(Change(type: text, version: number, id: key))
            }
        }
        #expect(feed.lastCompletedVersion == feed.endVersion)
        return result
    }

    private func ids(_ changes: [Change], _ type: String, version: Int64) -> [Int64] {
        changes.filter { $0.type == type && $0.version == version }.map(\.id).sorted()
    }

    @Test func followsAppendDeleteOptimizeAndOverwrite() throws {
        let folder = try ScratchFolder()
        let clock = ManualWallClock(startMillis: 1_700_000_000_000)
        let table = try Table.create(fileSystem: LocalFileSystem(), path: folder.path + "/t", schema: SampleRows.schema,
                                     partitionColumns: ["country"], sortColumns: ["id"], clock: clock)
        clock.advance(byMillis: 1000)
        try table.append([try TableOpsFixtures.shuffledRows(firstId: 0, count: 1000, seed: 1)])
        clock.advance(byMillis: 1000)
        try table.delete(where: [try ColumnPredicate(parsing: "id < 2")])
        clock.advance(byMillis: 1000)
        try table.append([try TableOpsFixtures.shuffledRows(firstId: 1000, count: 10, seed: 2)])
        clock.advance(byMillis: 1000)
        #expect(try table.optimize()?.version == 4)
        clock.advance(byMillis: 1000)
        let kept = try TableOpsFixtures.shuffledRows(firstId: 1000, count: 5, seed: 3)
        try table.overwrite([kept, try SampleRows.batch([(2000, "DE", 1), (2001, nil, 2)])])

        let all = try changes(table, from: 0)
        #expect(all.map(\.version) == all.map(\.version).sorted())
        #expect(ids(all, "insert", version: 1) == Array(0..<1000))
        #expect(all.filter { $0.version == 2 } == [Change(type: "delete", version: 2, id: 0), Change(type: "delete", version: 2, id: 1)])
        #expect(ids(all, "insert", version: 3) == Array(1000..<1010))
        #expect(!all.contains { $0.version == 4 || $0.version == 0 })
        #expect(ids(all, "delete", version: 5) == Array(2..<1000) + Array(1005..<1010))
        #expect(ids(all, "insert", version: 5) == [2000, 2001])

        #expect(try changes(table, from: 2, to: 2).count == 2)
        var feed = try table.changes(fromVersion: 5)
        let batch = try #require(try feed.next())
        let timestamp = try #require(batch.column(named: ChangeFeed.commitTimestampColumn))
        #expect(timestamp[0] == .timestamp(1_700_000_005_000 * 1000))
        #expect(feed.schema.fields.suffix(3).map(\.name) == ["_change_type", "_commit_version", "_commit_timestamp"])
    }

    @Test func duplicateRowsCancelAsAMultiset() throws {
        let folder = try ScratchFolder()
        let table = try Table.create(fileSystem: LocalFileSystem(), path: folder.path + "/t", schema: SampleRows.schema)
        try table.append([try SampleRows.batch([(1, "DE", 1), (1, "DE", 1), (2, "DE", 2), (4, nil, nil)])])
        try table.overwrite([try SampleRows.batch([(1, "DE", 1), (3, "DE", 3), (4, nil, nil)])])
        #expect(try changes(table, from: 2).sorted { $0.description < $1.description } == [
            Change(type: "delete", version: 2, id: 1), Change(type: "delete", version: 2, id: 2),
            Change(type: "insert", version: 2, id: 3),
        ])
    }

    @Test func refusesVersionsOutsideTheLog() throws {
        let folder = try ScratchFolder()
        let table = try Table.create(fileSystem: LocalFileSystem(), path: folder.path + "/t", schema: SampleRows.schema)
        try table.append([try SampleRows.batch([(1, "DE", 1)])])
        for (from, to) in [(-1, nil), (2, nil), (0, 2), (1, 0)] as [(Int64, Int64?)] {
            let error = try #require(throws: SluiceError.self) { try table.changes(fromVersion: from, toVersion: to) }
            #expect(error.fault == .userInput)
        }
        #expect(try changes(table, from: 1).count == 1)
    }

    @Test func vacuumedFilesAreADataErrorNamingTheVersion() throws {
        let folder = try ScratchFolder()
        let clock = TableOpsFixtures.clockNearNow()
        let table = try Table.create(fileSystem: LocalFileSystem(), path: folder.path + "/t", schema: SampleRows.schema, clock: clock)
        try table.append([try SampleRows.batch([(1, "DE", 1), (2, "FR", 2)])])
        try table.delete(where: [try ColumnPredicate(parsing: "id = 1")])
        clock.advance(byMillis: 8 * TableOpsFixtures.dayMillis)
        let removed = try #require(try table.snapshot().tombstones.first)
        #expect(try table.vacuum().deletedFiles == [DeltaPath.decode(removed.path)])

        var feed = try table.changes(fromVersion: 2)
        let error = try #require(throws: SluiceError.self) { try feed.readAll() }
        #expect(error.fault == .data)
        #expect(error.message.contains("version 2"))
        #expect(error.message.contains(DeltaPath.decode(removed.path)))
        // Later versions (vacuum's own) carry no changes and still read.
        #expect(try changes(table, from: 3).isEmpty)
    }

    @Test func removalsWithoutPartitionValuesAreTracedToTheirFile() throws {
        let folder = try ScratchFolder()
        let table = try Table.create(fileSystem: LocalFileSystem(), path: folder.path + "/t", schema: SampleRows.schema,
                                     partitionColumns: ["country"])
        try table.append([try SampleRows.batch([(1, "DE", 1), (2, "FR", 2)])])
        let french = try #require(try table.snapshot().files.first { $0.partitionValues["country"] == "FR" })
        // Other writers may leave partition values out of a tombstone.
        try table.log.writeCommit(2, [.remove(RemoveFile(path: french.path, deletionTimestamp: 5, dataChange: true))])

        var feed = try table.changes(fromVersion: 2)
        let rows = try feed.readAll()
        #expect(rows.rowCount == 1)
        #expect(rows.column(named: "country")?[0] == .string("FR"))
        #expect(rows.column(named: "id")?[0] == .int64(2))
    }

    @Test func newColumnsReadAsNullsInOlderVersions() throws {
        let folder = try ScratchFolder()
        let table = try Table.create(fileSystem: LocalFileSystem(), path: folder.path + "/t", schema: SampleRows.schema)
        try table.append([try SampleRows.batch([(1, "DE", 1)])])
        try table.addColumns([Field("note", .string)])
        var feed = try table.changes(fromVersion: 0)
        let rows = try feed.readAll()
        #expect(rows.schema.fields.map(\.name) == ["id", "country", "amount", "note", "_change_type", "_commit_version", "_commit_timestamp"])
        #expect(rows.rowCount == 1)
        #expect(rows.column(named: "note")?[0] == .null)
    }
}
