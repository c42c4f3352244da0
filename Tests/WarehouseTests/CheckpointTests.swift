import Foundation
import Testing
@testable import Warehouse
import SluiceCore

@Suite struct CheckpointTests {
    @Test func everyTenthCommitWritesACheckpointThatRebuildsTheSameSnapshot() throws {
        let folder = try ScratchFolder()
        let fileSystem = LocalFileSystem()
        let table = try Table.create(fileSystem: fileSystem, path: folder.path + "/t", schema: SampleRows.schema,
                                     partitionColumns: ["country"])
        for index in 0..<23 {
            let batch = try SampleRows.batch([(Int64(index), index % 2 == 0 ? "DE" : nil, Double(index))])
            try table.append([batch], transaction: TransactionAction(appId: "loader", version: Int64(index)))
            if index == 12 { try table.delete(where: [try ColumnPredicate(parsing: "id = 3")]) }
        }
        let listing = try table.log.list()
        #expect(listing.checkpointVersions == [10, 20])
        #expect(table.log.readLastCheckpoint()?.version == 20)

        let withCheckpoint = try table.snapshot()
        try fileSystem.delete(table.log.checkpointPath(20), recursive: false)
        try fileSystem.delete(table.log.checkpointPath(10), recursive: false)
        let fromCommits = try table.snapshot()
        #expect(withCheckpoint.version == fromCommits.version)
        #expect(withCheckpoint.files == fromCommits.files)
        // Checkpoints keep a tombstone's path, time, partition values and size, not its statistics.
        #expect(withCheckpoint.tombstones == fromCommits.tombstones.map(\.withoutStatistics))
        #expect(withCheckpoint.transactions.mapValues(\.version) == fromCommits.transactions.mapValues(\.version))
        #expect(withCheckpoint.metadata == fromCommits.metadata)
        #expect(withCheckpoint.timestampMillis == fromCommits.timestampMillis)
        #expect(try SampleRows.ids(table) == (0..<23).filter { $0 != 3 }.map(Int64.init))
    }

    @Test func checkpointActionsRoundTrip() throws {
        let folder = try ScratchFolder()
        let table = try Table.create(fileSystem: LocalFileSystem(), path: folder.path + "/t", schema: SampleRows.schema,
                                     partitionColumns: ["country"], sortColumns: ["id"], properties: ["delta.appendOnly": "false"])
        try table.append([try SampleRows.batch([(1, "DE", 1), (2, nil, 2)])], transaction: TransactionAction(appId: "a", version: 4))
        try table.delete(where: [try ColumnPredicate(parsing: "id = 1")])
        let snapshot = try table.snapshot()
        try Checkpoint.write(snapshot: snapshot, log: table.log)
        var builder = SnapshotBuilder()
        builder.apply(try Checkpoint.read(log: table.log, version: snapshot.version), version: snapshot.version,
                      fallbackTimestampMillis: snapshot.timestampMillis)
        let rebuilt = try builder.build(tablePath: table.path)
        #expect(rebuilt.files == snapshot.files)
        #expect(rebuilt.tombstones == snapshot.tombstones.map(\.withoutStatistics))
        #expect(rebuilt.metadata == snapshot.metadata)
        #expect(rebuilt.protocolVersions == snapshot.protocolVersions)
        #expect(rebuilt.transactions == snapshot.transactions)
    }
}

extension RemoveFile {
    var withoutStatistics: RemoveFile {
        var copy = self
        copy.stats = nil
        return copy
    }
}
