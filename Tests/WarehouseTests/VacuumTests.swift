import Foundation
import Testing
@testable import Warehouse
import SluiceCore

@Suite struct VacuumTests {
    private let fileSystem = LocalFileSystem()

    private func table(_ folder: ScratchFolder, clock: ManualWallClock, properties: [String: String] = [:]) throws -> Table {
        try Table.create(fileSystem: fileSystem, path: folder.path + "/sales", schema: SampleRows.schema,
                         partitionColumns: ["country"], properties: properties, clock: clock)
    }

    /// Relative paths of every file under the table folder, the log's included.
    private func allFiles(_ table: Table) throws -> Set<String> {
        var found: Set<String> = []
        func walk(_ folder: String, _ prefix: String) throws {
            for entry in try fileSystem.list(folder) {
                let relative = prefix + entry.name
                if entry.isDirectory { try walk(entry.path, relative + "/") } else { found.insert(relative) }
            }
        }
        try walk(table.path, "")
        return found
    }

    @Test func refusesShortRetentionUnlessForced() throws {
        let folder = try ScratchFolder()
        let table = try table(folder, clock: TableOpsFixtures.clockNearNow())
        let error = try #require(throws: SluiceError.self) { try table.vacuum(retentionHours: 1) }
        #expect(error.fault == .userInput)
        #expect(error.message.contains("time travel"))
        #expect(error.message.contains("168"))
        #expect(throws: SluiceError.self) { try table.vacuum(retentionHours: 167, dryRun: true) }
        #expect(throws: SluiceError.self) { try table.vacuum(retentionHours: -1, force: true) }
        let result = try table.vacuum(retentionHours: 0, force: true)
        #expect(result.deletedFiles.isEmpty)
        #expect(try table.history(limit: 2).map(\.operation) == ["VACUUM END", "VACUUM START"])
        #expect(try table.history(limit: 2)[1].parameters["retentionCheckEnabled"] == .bool(false))
    }

    @Test func deletesTombstonesOnlyAfterRetention() throws {
        let folder = try ScratchFolder()
        let clock = TableOpsFixtures.clockNearNow()
        let table = try table(folder, clock: clock)
        try table.append([try SampleRows.batch([(1, "DE", 1), (2, "FR", 2), (3, "DE", 3)])])
        let beforeDelete = try table.snapshot()
        clock.advance(byMillis: 1000)
        try table.delete(where: [try ColumnPredicate(parsing: "id <= 2")])
        let tombstones = Set(try table.snapshot().tombstones.map { DeltaPath.decode($0.path) })
        #expect(tombstones.count == 2)
        #expect(tombstones.contains { $0.hasPrefix("country=FR/") })

        #expect(try table.vacuum().deletedFiles.isEmpty)
        clock.advance(byMillis: 6 * TableOpsFixtures.dayMillis)
        #expect(try table.vacuum().deletedFiles.isEmpty)

        clock.advance(byMillis: 2 * TableOpsFixtures.dayMillis)
        let filesBefore = try allFiles(table)
        let versionBefore = try table.snapshot().version
        let dryRun = try table.vacuum(dryRun: true)
        #expect(dryRun.isDryRun)
        #expect(Set(dryRun.deletedFiles) == tombstones)
        #expect(dryRun.deletedDirectories == ["country=FR"])
        #expect(dryRun.deletedBytes == beforeDelete.files.filter { tombstones.contains(DeltaPath.decode($0.path)) }.reduce(0) { $0 + $1.size })
        #expect(try allFiles(table) == filesBefore)
        #expect(try table.snapshot().version == versionBefore)

        let result = try table.vacuum()
        #expect(!result.isDryRun)
        #expect(Set(result.deletedFiles) == tombstones)
        #expect(result.deletedBytes == dryRun.deletedBytes)
        #expect(result.deletedDirectories == ["country=FR"])
        #expect(!fileSystem.exists(table.path + "/country=FR"))
        #expect(try SampleRows.ids(table) == [3])

        let history = try table.history(limit: 2)
        #expect(history.map(\.operation) == ["VACUUM END", "VACUUM START"])
        #expect(history[0].metrics["numDeletedFiles"] == .integer(2))
        #expect(history[0].metrics["numVacuumedDirectories"] == .integer(1))
        #expect(history[0].parameters["status"] == .string("COMPLETED"))
        #expect(history[1].metrics["numFilesToDelete"] == .integer(2))
        #expect(history[0].version == versionBefore + 2)

        // Time travel to before the delete now misses its files.
        let error = try #require(throws: SluiceError.self) { try SampleRows.ids(table, version: beforeDelete.version) }
        #expect(error.fault == .data)
        #expect(try table.vacuum().deletedFiles.isEmpty)
    }

    @Test func removesOldOrphansButNeverHiddenFiles() throws {
        let folder = try ScratchFolder()
        let clock = TableOpsFixtures.clockNearNow()
        let table = try table(folder, clock: clock)
        try table.append([try SampleRows.batch([(1, "DE", 1), (2, nil, 2)])])
        let live = Set(try table.snapshot().files.map { DeltaPath.decode($0.path) })
        // What crashed writers and other tools leave behind.
        let orphans = ["part-crashed.parquet", "country=DE/part-aborted.snappy.parquet", "country=XX/part-only-file.parquet"]
        let hidden = ["_hidden/part-x.parquet", ".part-y.parquet.crc", "country=DE/.part-z.parquet.tmp", "_delta_log/notes.txt"]
        for relative in orphans + hidden { try fileSystem.write(Array("junk".utf8), to: table.path + "/" + relative) }
        try fileSystem.makeDirectories(table.path + "/country=YY")

        // Written just now: a writer may still be about to commit them.
        #expect(try table.vacuum().deletedFiles.isEmpty)

        clock.advance(byMillis: 8 * TableOpsFixtures.dayMillis)
        let result = try table.vacuum()
        #expect(Set(result.deletedFiles) == Set(orphans))
        #expect(result.deletedBytes == 4 * Int64(orphans.count))
        #expect(Set(result.deletedDirectories) == ["country=XX", "country=YY"])
        let remaining = try allFiles(table)
        #expect(live.isSubset(of: remaining))
        #expect(Set(hidden).isSubset(of: remaining))
        #expect(remaining.isDisjoint(with: orphans))
        #expect(try SampleRows.ids(table) == [1, 2])
    }

    @Test func honoursTheTablesRetentionProperty() throws {
        let folder = try ScratchFolder()
        let clock = TableOpsFixtures.clockNearNow()
        let table = try table(folder, clock: clock, properties: [TableProperty.deletedFileRetentionDuration: "interval 24 hours"])
        try table.append([try SampleRows.batch([(1, "DE", 1)])])
        try table.overwrite([try SampleRows.batch([(2, "DE", 2)])])
        clock.advance(byMillis: 25 * 3_600_000)
        #expect(throws: SluiceError.self) { try table.vacuum(retentionHours: 12) }
        let result = try table.vacuum()
        #expect(result.retentionHours == 24)
        #expect(result.deletedFiles.count == 1)
        #expect(try SampleRows.ids(table) == [2])

        let broken = try Table.create(fileSystem: fileSystem, path: folder.path + "/broken", schema: SampleRows.schema,
                                      properties: [TableProperty.deletedFileRetentionDuration: "a while"], clock: clock)
        let error = try #require(throws: SluiceError.self) { try broken.vacuum() }
        #expect(error.message.contains(TableProperty.deletedFileRetentionDuration))
    }

    @Test func parsesIntervals() {
        #expect(DeltaInterval.milliseconds(parsing: "interval 7 days") == 7 * TableOpsFixtures.dayMillis)
        #expect(DeltaInterval.milliseconds(parsing: "interval 1 week") == 7 * TableOpsFixtures.dayMillis)
        #expect(DeltaInterval.milliseconds(parsing: "INTERVAL 24 HOURS") == TableOpsFixtures.dayMillis)
        #expect(DeltaInterval.milliseconds(parsing: "interval 1 day 12 hours") == Int64(36) * 3_600_000)
        #expect(DeltaInterval.milliseconds(parsing: "30 minutes") == Int64(1_800_000))
        #expect(DeltaInterval.milliseconds(parsing: "interval 1 month") == nil)
        #expect(DeltaInterval.milliseconds(parsing: "interval") == nil)
        #expect(DeltaInterval.milliseconds(parsing: "interval seven days") == nil)
        #expect(DeltaInterval.milliseconds(parsing: "interval 99999999999999999 weeks") == nil)
    }
}
