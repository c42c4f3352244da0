import Foundation
import Parquet
import Testing
@testable import Warehouse
import SluiceCore

@Suite struct OptimizeTests {
    private func sortedTable(_ folder: ScratchFolder, clock: ManualWallClock, partitioned: Bool = true) throws -> Table {
        try Table.create(fileSystem: LocalFileSystem(), path: folder.path + "/events", schema: SampleRows.schema,
                         partitionColumns: partitioned ? ["country"] : [], sortColumns: ["id"], clock: clock)
    }

    private func ids(inFile path: String) throws -> [Int64] {
        let reader = try ParquetReader(fileSystem: LocalFileSystem(), path: path)
        var batches = try reader.batches(columns: ["id"])
        var ids: [Int64] = []
        while let batch = try batches.next() {
            ids += (0..<batch.rowCount).map { if case .int64(let id) = batch.columns[0][$0] { id } else { -1 } }
        }
        return ids
    }

    @Test func mergesSmallFilesPerPartitionIntoSortedFiles() throws {
        let folder = try ScratchFolder()
        let clock = ManualWallClock(startMillis: 1_700_000_000_000)
        let table = try sortedTable(folder, clock: clock)
        for round in 0..<5 {
            clock.advance(byMillis: 1000)
            try table.append([try TableOpsFixtures.shuffledRows(firstId: Int64(round) * 1000, count: 400, seed: UInt64(round))])
        }
        let before = try table.snapshot()
        #expect(before.files.count == 20)
        let rowsBefore = try TableOpsFixtures.rowMultiset(table)

        clock.advance(byMillis: 1000)
        let result = try #require(try table.optimize(targetFileSizeBytes: 1 << 20))
        #expect(result.version == before.version + 1)
        #expect(result.removedFiles == 20)
        #expect(result.addedFiles == 4)
        #expect(try TableOpsFixtures.rowMultiset(table) == rowsBefore)

        let after = try table.snapshot()
        #expect(Set(after.files.map { $0.partitionValues["country"] ?? nil }) == Set(TableOpsFixtures.countries))
        for file in after.files {
            let ids = try ids(inFile: table.dataFilePath(file.path))
            #expect(ids.count == 500)
            #expect(ids == ids.sorted())
        }
        for action in try TableOpsFixtures.actions(table, version: result.version) {
            if case .add(let file) = action { #expect(!file.dataChange) }
            if case .remove(let file) = action { #expect(!file.dataChange) }
        }

        let entry = try table.history(limit: 1)[0]
        #expect(entry.operation == "OPTIMIZE")
        #expect(entry.isBlindAppend == false)
        #expect(entry.metrics["numFilesRemoved"] == .integer(20))
        #expect(entry.metrics["numFilesAdded"] == .integer(4))
        #expect(entry.metrics["numBytesRemoved"] == .integer(before.sizeBytes))
        #expect(entry.metrics["numBytesAdded"] == .integer(after.sizeBytes))

        // The old version still reads its own files.
        let old = try table.snapshot(version: before.version)
        #expect(old.files.map(\.path) == before.files.map(\.path))
        #expect(try TableOpsFixtures.rowMultiset(table, version: before.version) == rowsBefore)
        #expect(try table.optimize(targetFileSizeBytes: 1 << 20) == nil)
    }

    @Test func packsFilesOfAboutTheTargetSizeAndLeavesBigFilesAlone() throws {
        let folder = try ScratchFolder()
        let clock = ManualWallClock(startMillis: 1_700_000_000_000)
        let table = try sortedTable(folder, clock: clock, partitioned: false)
        try table.append([try TableOpsFixtures.shuffledRows(firstId: 100_000, count: 20_000, seed: 99)])
        let big = try #require(try table.snapshot().files.first)
        for round in 0..<12 {
            try table.append([try TableOpsFixtures.shuffledRows(firstId: Int64(round) * 1000, count: 300, seed: UInt64(round))])
        }
        let smallSizes = try table.snapshot().files.filter { $0.path != big.path }.map(\.size)
        let target = Int(smallSizes.max()! * 4)
        #expect(big.size > Int64(target))
        let rowsBefore = try TableOpsFixtures.rowMultiset(table)

        let result = try #require(try table.optimize(targetFileSizeBytes: target))
        #expect(result.removedFiles == 12)
        #expect((3...6).contains(result.addedFiles))
        let after = try table.snapshot()
        #expect(after.files.contains { $0.path == big.path })
        for file in after.files where file.path != big.path {
            #expect(file.size <= Int64(target))
            let ids = try ids(inFile: table.dataFilePath(file.path))
            #expect(ids == ids.sorted())
        }
        #expect(try TableOpsFixtures.rowMultiset(table) == rowsBefore)
    }

    @Test func predicatesPickPartitions() throws {
        let folder = try ScratchFolder()
        let table = try sortedTable(folder, clock: ManualWallClock(startMillis: 1_700_000_000_000))
        for round in 0..<3 {
            try table.append([try TableOpsFixtures.shuffledRows(firstId: Int64(round) * 100, count: 40, seed: UInt64(round))])
        }
        let result = try #require(try table.optimize(predicates: [try ColumnPredicate(parsing: "country = 'DE'")]))
        #expect(result.removedFiles == 3)
        #expect(result.addedFiles == 1)
        let counts = Dictionary(grouping: try table.snapshot().files, by: { $0.partitionValues["country"] ?? nil }).mapValues(\.count)
        #expect(counts == ["DE": 1, "FR": 3, "US": 3, nil: 3])

        let error = try #require(throws: SluiceError.self) {
            try table.optimize(predicates: [try ColumnPredicate(parsing: "id > 3")])
        }
        #expect(error.fault == .userInput)
        #expect(error.message.contains("not a partition column"))
        #expect(throws: SluiceError.self) { try table.optimize(targetFileSizeBytes: 0) }
    }

    @Test func nothingToDoReturnsNil() throws {
        let folder = try ScratchFolder()
        let table = try sortedTable(folder, clock: ManualWallClock(), partitioned: false)
        #expect(try table.optimize() == nil)
        try table.append([try SampleRows.batch([(2, "DE", 1), (1, "FR", 2)])])
        #expect(try table.optimize() == nil)
        #expect(try table.snapshot().version == 1)
    }

    @Test func concurrentDeleteOfARewrittenFileConflicts() throws {
        let folder = try ScratchFolder()
        let table = try sortedTable(folder, clock: ManualWallClock(startMillis: 1_700_000_000_000))
        try table.append([try SampleRows.batch([(1, "DE", 1), (2, "FR", 2)])])
        try table.append([try SampleRows.batch([(3, "DE", 3), (4, "FR", 4)])])
        let prepared = try #require(try table.prepareOptimize(snapshot: table.snapshot(), targetFileSizeBytes: nil, predicates: []))
        #expect(prepared.writtenFiles.count == 2)

        try table.delete(where: [try ColumnPredicate(parsing: "id = 3")])
        let error = try #require(throws: SluiceError.self) { try prepared.commit() }
        #expect(error.condition == .commitConflict)
        #expect(error.message.contains("removed"))
        for file in prepared.writtenFiles { #expect(!LocalFileSystem().exists(table.dataFilePath(file.path))) }
        #expect(try SampleRows.ids(table) == [1, 2, 4])
        #expect(try table.history(limit: 1)[0].operation == "DELETE")
    }

    @Test func concurrentAppendDoesNotConflict() throws {
        let folder = try ScratchFolder()
        let table = try sortedTable(folder, clock: ManualWallClock(startMillis: 1_700_000_000_000))
        try table.append([try SampleRows.batch([(1, "DE", 1), (2, "FR", 2)])])
        try table.append([try SampleRows.batch([(3, "DE", 3), (4, "FR", 4)])])
        let prepared = try #require(try table.prepareOptimize(snapshot: table.snapshot(), targetFileSizeBytes: nil, predicates: []))

        try table.append([try SampleRows.batch([(5, "DE", 5)])])
        let result = try prepared.commit()
        #expect(result.version == 4)
        #expect(try SampleRows.ids(table) == [1, 2, 3, 4, 5])
        #expect(try table.snapshot().files.count == 3)
    }
}
