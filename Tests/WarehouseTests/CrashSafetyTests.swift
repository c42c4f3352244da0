import Foundation
import Testing
@testable import Warehouse
import SluiceCore

/// A writer killed at any point leaves the table as it was at its last commit; corrupt or
/// missing files are reported naming the version and the file, never read as fewer rows.
@Suite struct CrashSafetyTests {
    @Test func writerKilledBeforeItsCommitChangesNothing() throws {
        let folder = try ScratchFolder()
        let path = folder.path + "/t"
        // A one-byte target file size: every batch the probe writes is finished as its own file.
        let table = try Table.create(fileSystem: LocalFileSystem(), path: path, schema: SampleRows.schema,
                                     properties: [TableProperty.targetFileSize: "1"])
        try table.append([try SampleRows.batch((0..<5).map { ($0, "DE", Double($0)) })])
        let before = try DataFiles.onDisk(path)

        let probe = try CrashProbe(["write-and-wait", path, "100", "3"])
        #expect(probe.nextLine() == "WRITTEN", "\(probe.standardError())")
        probe.kill()

        #expect(try table.snapshot().version == 1)
        #expect(try SampleRows.ids(table) == Array(0..<5))
        let orphans = try DataFiles.onDisk(path).subtracting(before)
        #expect(orphans.count == 3, "the killed writer's finished files stay for vacuum")
        #expect(orphans.isDisjoint(with: try DataFiles.everReferenced(table)))
        for orphan in orphans {
            #expect(try LocalFileSystem().status(path + "/" + orphan).sizeBytes > 0)
        }
        // The table goes on as if nothing happened.
        try table.append([try SampleRows.batch([(5, "FR", 5)])])
        #expect(try SampleRows.ids(table) == Array(0...5))
    }

    /// Kills a writer that commits in a tight loop, at a point chosen by a seeded generator:
    /// whatever instant the kill lands on, every commit file is whole, and the table holds
    /// exactly the commits announced (plus at most the one in flight).
    @Test(arguments: [UInt64(1), 2, 3])
    func writerKilledWhileCommittingNeverLeavesAPartialCommit(seed: UInt64) throws {
        let folder = try ScratchFolder()
        let path = folder.path + "/t"
        let table = try Table.create(fileSystem: LocalFileSystem(), path: path, schema: SampleRows.schema)
        var random = SeededRandomGenerator(seed: seed)
        let commitsBeforeKill = Int.random(in: 3...15, using: &random)

        let probe = try CrashProbe(["commit-loop", path, "0"])
        var announced: [Int64] = []
        while announced.count < commitsBeforeKill, let line = probe.nextLine() {
            guard line.hasPrefix("COMMITTED "), let id = Int64(line.dropFirst("COMMITTED ".count)) else {
                Issue.record("unexpected probe output '\(line)'")
                break
            }
            announced.append(id)
        }
        probe.kill()
        #expect(announced == Array(0..<Int64(commitsBeforeKill)), "\(probe.standardError())")

        let versions = try table.log.list().commitVersions
        #expect(versions == Array(0...(versions.last ?? 0)), "versions are contiguous")
        for version in versions {
            #expect(throws: Never.self, "version \(version) parses") { _ = try table.log.readCommit(version) }
        }
        let ids = try SampleRows.ids(table)
        #expect(ids == Array(0..<Int64(commitsBeforeKill)) || ids == Array(0...Int64(commitsBeforeKill)))
        #expect(try table.snapshot().version == Int64(ids.count))
        try table.append([try SampleRows.batch([(1000, nil, nil)])])
        #expect(try SampleRows.ids(table) == ids + [1000])
    }

    /// A table at version 3, one file per append.
    static func threeAppends(_ folder: ScratchFolder) throws -> Table {
        let table = try Table.create(fileSystem: LocalFileSystem(), path: folder.path + "/t", schema: SampleRows.schema)
        for id in Int64(1)...3 { try table.append([try SampleRows.batch([(id, "DE", 1)])]) }
        return table
    }

    @Test func corruptCommitInTheMiddleIsADataErrorNamingVersionAndFile() throws {
        let folder = try ScratchFolder()
        let table = try CrashSafetyTests.threeAppends(folder)
        let commitPath = table.log.commitPath(2)
        var bytes = try LocalFileSystem().readAll(commitPath)
        bytes.replaceSubrange(bytes.count / 2..<(bytes.count / 2 + 8), with: Array("#garbage".utf8))
        try LocalFileSystem().write(bytes, to: commitPath, overwrite: true)

        let error = try #require(throws: SluiceError.self) { try table.snapshot() }
        #expect(error.fault == .data)
        #expect(error.message.contains("version 2"), "\(error)")
        #expect(error.location?.file == commitPath)
        #expect(error.location?.line != nil)
        // Versions before the damage still read.
        #expect(try SampleRows.ids(table, version: 1) == [1])
        #expect(throws: SluiceError.self) { try SampleRows.ids(table, version: 3) }
    }

    @Test func missingCommitInTheMiddleIsADataError() throws {
        let folder = try ScratchFolder()
        let table = try CrashSafetyTests.threeAppends(folder)
        try LocalFileSystem().delete(table.log.commitPath(2), recursive: false)
        let error = try #require(throws: SluiceError.self) { try table.snapshot() }
        #expect(error.fault == .data)
        #expect(error.message.contains("missing version 2"), "\(error)")
        #expect(error.location?.file == table.log.commitPath(2))
    }

    @Test func missingDataFileIsADataErrorNamingVersionAndFile() throws {
        let folder = try ScratchFolder()
        let table = try CrashSafetyTests.threeAppends(folder)
        let snapshot = try table.snapshot()
        let lost = try #require(snapshot.files.first)
        try LocalFileSystem().delete(table.dataFilePath(lost.path), recursive: false)

        var scan = try table.scan()
        let error = try #require(throws: SluiceError.self) { try scan.readAll() }
        #expect(error.fault == .data)
        #expect(error.message.contains("version 3"), "\(error)")
        #expect(error.message.contains(lost.path))
        #expect(error.location?.file == table.dataFilePath(lost.path))
    }

    @Test func truncatedDataFileIsADataErrorNamingTheFile() throws {
        let folder = try ScratchFolder()
        let table = try CrashSafetyTests.threeAppends(folder)
        let damaged = try #require(try table.snapshot().files.last)
        let dataPath = table.dataFilePath(damaged.path)
        let bytes = try LocalFileSystem().readAll(dataPath)
        try LocalFileSystem().write(Array(bytes.prefix(bytes.count - 10)), to: dataPath, overwrite: true)

        var scan = try table.scan()
        let error = try #require(throws: SluiceError.self) { try scan.readAll() }
        #expect(error.fault == .data, "\(error)")
        #expect(error.location?.file == dataPath, "\(error)")
    }
}
