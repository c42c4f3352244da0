import Foundation
import Testing
@testable import Warehouse
import SluiceCore

/// Many writers on one table at once, each with its own `Table` on the same folder, as separate
/// processes would be: the log's create-if-absent commit must serialize them into contiguous
/// versions, lose nothing, and fail exactly the commits whose reads a winner invalidated.
@Suite struct ConcurrencyTests {
    /// The rows of one commit: ids `first..<first + count`, no other values.
    static func idRows(_ ids: Range<Int64>) throws -> RecordBatch {
        try SampleRows.batch(ids.map { ($0, nil, nil) })
    }

    @Test func eightWritersAppendingFiftyCommitsEachLoseNothing() throws {
        let folder = try ScratchFolder()
        let path = folder.path + "/events"
        try Table.create(fileSystem: LocalFileSystem(), path: path, schema: SampleRows.schema)
        let writerCount = 8
        let commitsPerWriter = 50
        let rowsPerCommit: Int64 = 2
        let outcomes = Outcomes()
        // Threads rather than a concurrent queue: the queue would run only as many writers as
        // there are cores, and the point is more writers than that.
        ConcurrentThreads.run(count: writerCount) { writer in
            let table = try Table(fileSystem: LocalFileSystem(), path: path)
            for commit in 0..<commitsPerWriter {
                let first = Int64(writer * commitsPerWriter + commit) * rowsPerCommit
                let result = try table.append([try ConcurrencyTests.idRows(first..<(first + rowsPerCommit))])
                outcomes.record(version: try committed(result).version)
            }
        } failure: { outcomes.record(error: $0) }

        #expect(outcomes.errors.isEmpty, "\(outcomes.errors)")
        let totalCommits = writerCount * commitsPerWriter
        #expect(outcomes.versions.sorted() == Array(1...Int64(totalCommits)), "every commit got its own version")
        let table = try Table(fileSystem: LocalFileSystem(), path: path)
        #expect(try table.log.list().commitVersions == Array(0...Int64(totalCommits)))
        let snapshot = try table.snapshot()
        #expect(snapshot.version == Int64(totalCommits))
        #expect(snapshot.files.count == totalCommits)
        #expect(try SampleRows.ids(table) == Array(0..<(Int64(totalCommits) * rowsPerCommit)))
        let history = try table.history()
        #expect(history.count == totalCommits + 1)
        #expect(history.dropLast().allSatisfy { $0.operation == "WRITE" && $0.isBlindAppend == true })
    }

    /// A table with one file holding ids 1...10 (version 1).
    static func tableWithOneFile(_ folder: ScratchFolder, partitioned: Bool = false) throws -> String {
        let path = folder.path + "/t"
        let table = try Table.create(fileSystem: LocalFileSystem(), path: path, schema: SampleRows.schema,
                                     partitionColumns: partitioned ? ["country"] : [])
        try table.append([try SampleRows.batch((1...10).map { ($0, $0 <= 5 ? "DE" : "FR", Double($0)) })])
        return path
    }

    @Test func overlappingDeletesPreparedTogetherOneWinsTheOtherConflicts() throws {
        let folder = try ScratchFolder()
        let path = try ConcurrencyTests.tableWithOneFile(folder)
        let fileSystem = CommitBarrierFileSystem(commitPath: DeltaLog(fileSystem: LocalFileSystem(), tablePath: path).commitPath(2),
                                                 parties: 2)
        let predicates = [["id <= 3"], ["id >= 8"]]
        let outcomes = Outcomes()
        ConcurrentThreads.run(count: 2) { index in
            let table = try Table(fileSystem: fileSystem, path: path)
            do {
                let result = try table.delete(where: predicates[index].map { try ColumnPredicate(parsing: $0) })
                outcomes.record(version: try committed(result).version, by: index)
            } catch let error as SluiceError where error.condition == .commitConflict {
                outcomes.record(conflictBy: index)
            }
        } failure: { outcomes.record(error: $0) }

        #expect(outcomes.errors.isEmpty, "\(outcomes.errors)")
        #expect(fileSystem.waitTimedOut == false)
        #expect(outcomes.versions == [2], "exactly one delete commits")
        #expect(outcomes.conflicts.count == 1, "the other one conflicts")
        let table = try Table(fileSystem: LocalFileSystem(), path: path)
        #expect(try table.log.list().commitVersions == [0, 1, 2])
        let winner = try #require(outcomes.winners.first)
        #expect(try SampleRows.ids(table) == (winner == 0 ? Array(4...10) : Array(1...7)))
        // The loser's rewritten file is gone: the disk holds the original and the winner's copy.
        #expect(try DataFiles.onDisk(path) == DataFiles.everReferenced(table))
        #expect(try DataFiles.onDisk(path).count == 2)
        #expect(try DataFiles.temporaryFiles(path).isEmpty)
    }

    @Test func deletesOfDifferentPartitionsPreparedTogetherBothCommit() throws {
        let folder = try ScratchFolder()
        let path = try ConcurrencyTests.tableWithOneFile(folder, partitioned: true)
        let fileSystem = CommitBarrierFileSystem(commitPath: DeltaLog(fileSystem: LocalFileSystem(), tablePath: path).commitPath(2),
                                                 parties: 2)
        let predicates = [["country = 'DE'", "id >= 4"], ["country = 'FR'", "id <= 7"]]
        let outcomes = Outcomes()
        ConcurrentThreads.run(count: 2) { index in
            let table = try Table(fileSystem: fileSystem, path: path)
            let result = try table.delete(where: predicates[index].map { try ColumnPredicate(parsing: $0) })
            outcomes.record(version: try committed(result).version, by: index)
        } failure: { outcomes.record(error: $0) }

        #expect(outcomes.errors.isEmpty, "\(outcomes.errors)")
        #expect(outcomes.versions.sorted() == [2, 3])
        let table = try Table(fileSystem: LocalFileSystem(), path: path)
        #expect(try SampleRows.ids(table) == [1, 2, 3, 8, 9, 10])
        #expect(try DataFiles.onDisk(path) == DataFiles.everReferenced(table))
    }

    /// The append's rows either can or cannot match the delete's predicate; either way the
    /// blind append commits, and its rows survive.
    @Test(arguments: [false, true])
    func blindAppendRacingADeleteAlwaysCommits(appendedRowsMatchTheDelete: Bool) throws {
        let folder = try ScratchFolder()
        let path = try ConcurrencyTests.tableWithOneFile(folder, partitioned: true)
        let fileSystem = CommitBarrierFileSystem(commitPath: DeltaLog(fileSystem: LocalFileSystem(), tablePath: path).commitPath(2),
                                                 parties: 2)
        let outcomes = Outcomes()
        ConcurrentThreads.run(count: 2) { index in
            let table = try Table(fileSystem: fileSystem, path: path)
            if index == 0 {
                let country = appendedRowsMatchTheDelete ? "DE" : "FR"
                let result = try table.append([try SampleRows.batch([(100, country, 1), (101, country, 2)])])
                outcomes.record(version: try committed(result).version, by: index)
            } else {
                do {
                    let result = try table.delete(where: [try ColumnPredicate(parsing: "country = 'DE'")])
                    outcomes.record(version: try committed(result).version, by: index)
                } catch let error as SluiceError where error.condition == .commitConflict {
                    outcomes.record(conflictBy: index)
                }
            }
        } failure: { outcomes.record(error: $0) }

        #expect(outcomes.errors.isEmpty, "\(outcomes.errors)")
        #expect(outcomes.winners.contains(0), "the append commits")
        let table = try Table(fileSystem: LocalFileSystem(), path: path)
        let ids = try SampleRows.ids(table)
        #expect(ids.contains(100) && ids.contains(101))
        if appendedRowsMatchTheDelete {
            // The delete commits only if it went first (then the new DE rows came after it);
            // had it gone second, it would have had to read the new rows, so it must conflict.
            #expect(outcomes.winners.contains(1) ? ids == [6, 7, 8, 9, 10, 100, 101] : ids == Array(1...10) + [100, 101])
            #expect(outcomes.winners.count + outcomes.conflicts.count == 2)
        } else {
            #expect(outcomes.winners.sorted() == [0, 1], "nothing the delete read changed")
            #expect(ids == [6, 7, 8, 9, 10, 100, 101])
        }
        #expect(try DataFiles.onDisk(path) == DataFiles.everReferenced(table))
    }
}
