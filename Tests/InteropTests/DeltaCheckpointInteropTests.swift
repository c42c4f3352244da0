import Foundation
import SluiceCore
import Testing
@testable import Warehouse

/// Checkpoints both ways: delta-rs opens a Sluice table from Sluice's Parquet checkpoint (the
/// commits before it removed, so nothing else could serve), and Sluice opens a delta-rs table
/// from delta-rs's checkpoint.
@Suite struct DeltaCheckpointInteropTests {
    struct CheckpointedDump: Decodable {
        var checkpointVersion: Int64?
        var tables: [String: DeltaInteropTests.DeltaDump.TableDump]
    }

    @Test func deltaLakeOpensASluiceCheckpoint() throws {
        let environment = try InteropEnvironment.shared()
        try TemporaryDirectory.with { directory in
            var random = SeededRandomGenerator(seed: 21)
            let path = directory + "/checkpointed"
            let table = try Table.create(fileSystem: LocalFileSystem(), path: path, schema: DeltaInteropTests.partitionedSchema,
                                         partitionColumns: ["region"])
            for batch in 0..<22 {
                let first = Int64(batch * 20)
                try table.append([try DeltaInteropTests.partitionedRows(first..<(first + 20), &random)],
                                 transaction: TransactionAction(appId: "loader", version: Int64(batch)))
                if batch == 15 { try table.delete(where: [try ColumnPredicate(parsing: "amount < 20")]) }
            }
            #expect(try table.log.list().checkpointVersions == [10, 20])
            for version in 0..<20 { try LocalFileSystem().delete(table.log.commitPath(Int64(version)), recursive: false) }
            let snapshot = try table.snapshot()
            #expect(snapshot.version == 23)
            #expect(snapshot.transactions["loader"]?.version == 21)

            let dumpPath = directory + "/dump.json"
            try environment.runScript("delta_dump.py", ["--latest", dumpPath, path])
            let dump = try CanonicalDump.decode(DeltaInteropTests.DeltaDump.self, fromFile: dumpPath)
            let theirs = try #require(dump.tables["checkpointed"])
            try #require(theirs.error == nil, "delta-rs could not open the table: \(theirs.error ?? "")")
            #expect(theirs.version == 23)
            let latest = try #require(theirs.versions?.last)
            let ours = try DeltaInteropTests.sluiceRows(table, version: 23)
            #expect(latest.fileCount == ours.fileCount)
            DeltaInteropTests.expectSameRows(ours.rows, latest.rows, columns: ours.columns, "checkpointed version 23")
        }
    }

    @Test func sluiceOpensADeltaLakeCheckpoint() throws {
        let environment = try InteropEnvironment.shared()
        try TemporaryDirectory.with { directory in
            let path = directory + "/theirs"
            let dumpPath = directory + "/dump.json"
            try environment.runScript("delta_checkpointed.py", [path, dumpPath])
            let dump = try CanonicalDump.decode(CheckpointedDump.self, fromFile: dumpPath)
            let checkpointVersion = try #require(dump.checkpointVersion)
            let theirs = try #require(dump.tables["theirs"]?.versions?.last)
            let table = try Table(fileSystem: LocalFileSystem(), path: path)
            #expect(try table.log.list().commitVersions.first == checkpointVersion)
            #expect(try table.snapshot().version == checkpointVersion)
            let ours = try DeltaInteropTests.sluiceRows(table, version: checkpointVersion)
            #expect(theirs.fileCount == ours.fileCount)
            DeltaInteropTests.expectSameRows(ours.rows, theirs.rows, columns: ours.columns, "delta-rs checkpoint")
        }
    }
}
