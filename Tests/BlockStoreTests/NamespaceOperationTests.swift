import BlockStore
import Foundation
import SluiceCore
import Testing

/// A namespace in a fresh temporary directory with a manual clock; superuser "hdfs".
final class NamespaceFixture {
    let directory: String
    let clock = ManualWallClock(startMillis: 1_700_000_000_000)
    var defaults = NamespaceDefaults()
    var namespace: NameSpace

    init(defaults: NamespaceDefaults = NamespaceDefaults()) throws {
        directory = NSTemporaryDirectory() + "sluice-namespace-\(UUID().uuidString)"
        self.defaults = defaults
        namespace = try NameSpace(directory: directory, superuser: "hdfs", clock: clock, defaults: defaults)
    }

    /// Closes and reopens the same directory, as a namenode restart does.
    func restart() throws {
        try namespace.close()
        namespace = try reopen()
    }

    func reopen() throws -> NameSpace {
        try NameSpace(directory: directory, superuser: "hdfs", clock: clock, defaults: defaults)
    }

    /// Every entry below "/" with its status, for comparing trees.
    func snapshot() throws -> [String: PathStatus] {
        var result: [String: PathStatus] = ["/": try namespace.status("/", user: "hdfs")]
        var pending = ["/"]
        while let path = pending.popLast() {
            for entry in try namespace.list(path, user: "hdfs") {
                let child = (path == "/" ? "" : path) + "/" + entry.pathSuffix
                result[child] = entry
                if entry.isDirectory { pending.append(child) }
            }
        }
        return result
    }

    /// Writes a closed file of `blockLengths` blocks as `user` / client `client`.
    @discardableResult
    func writeFile(_ path: String, blockLengths: [Int64], user: String = "alice", client: String = "c1")
        async throws -> [ExtendedBlock]
    {
        _ = try await namespace.createFile(path, overwrite: false, user: user, clientName: client)
        var previous: ExtendedBlock?
        var blocks: [ExtendedBlock] = []
        for length in blockLengths {
            var block = try await namespace.allocateBlock(path, clientName: client, previous: previous).block
            block.lengthBytes = length
            blocks.append(block)
            previous = block
        }
        try await namespace.completeFile(path, clientName: client, last: previous)
        return blocks
    }

    deinit {
        try? namespace.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

@Suite struct NamespaceOperationTests {
    @Test func rootBelongsToTheSuperuserWithTheStickyBit() throws {
        let fixture = try NamespaceFixture()
        let root = try fixture.namespace.status("/", user: "bob")
        #expect(root.owner == "hdfs" && root.group == "supergroup" && root.permission == 0o1777)
        #expect(root.modeText == "drwxrwxrwt")
        #expect(root.type == .directory && root.fileID == 16385)
    }

    @Test func mkdirsCreatesParentsWithTheParentsGroup() async throws {
        let fixture = try NamespaceFixture()
        let namespace = fixture.namespace
        #expect(try await namespace.mkdirs("/a/b/c", user: "alice"))
        #expect(try await namespace.mkdirs("/a/b/c", user: "alice"))
        let leaf = try namespace.status("/a/b/c", user: "alice")
        #expect(leaf.owner == "alice" && leaf.group == "supergroup" && leaf.permission == 0o755)
        try await namespace.mkdirs("/a/b/d", permission: 0o700, user: "alice")
        #expect(try namespace.list("/a/b", user: "alice").map(\.pathSuffix) == ["c", "d"])
        #expect(try namespace.status("/a/b", user: "alice").childrenCount == 2)
        #expect(try namespace.status("/a/b/d", user: "alice").permission == 0o700)
        try await namespace.setOwner("/a", owner: nil, group: "alice", user: "alice")
        try await namespace.mkdirs("/a/e", user: "alice")
        #expect(try namespace.status("/a/e", user: "alice").group == "alice")
        await #expect(throws: BlockStoreError(.illegalArgument, "Invalid path name Invalid file name: /a/../b")) {
            try await namespace.mkdirs("/a/../b", user: "alice")
        }
        #expect(throws: BlockStoreError.fileNotFound("/nope")) { try namespace.status("/nope", user: "alice") }
    }

    @Test func fileLifecycleCountsBlocksAndLengths() async throws {
        let fixture = try NamespaceFixture()
        let namespace = fixture.namespace
        let created = try await namespace.createFile(
            "/data/f", overwrite: false, replication: 2, blockSizeBytes: 4096, user: "alice", clientName: "c1")
        #expect(created.status.permission == 0o644 && created.status.replication == 2 && created.removedBlocks.isEmpty)
        let first = try await namespace.allocateBlock("/data/f", clientName: "c1", previous: nil)
        #expect(first.replication == 2 && first.path == "/data/f")
        let open = try namespace.blocks(of: "/data/f", user: "alice")
        #expect(open.isUnderConstruction && open.blocks.count == 1)
        #expect(namespace.allFileBlocks().map(\.isComplete) == [false])
        var previous = first.block
        previous.lengthBytes = 4096
        let second = try await namespace.allocateBlock("/data/f", clientName: "c1", previous: previous)
        #expect(second.block.blockID == first.block.blockID + 1)
        #expect(second.block.generationStamp > first.block.generationStamp)
        var last = second.block
        last.lengthBytes = 100
        await #expect(throws: BlockStoreError.self) {
            try await namespace.allocateBlock("/data/f", clientName: "c2", previous: last)
        }
        try await namespace.completeFile("/data/f", clientName: "c1", last: last)
        try await namespace.completeFile("/data/f", clientName: "c1", last: last)  // a retry
        let closed = try namespace.blocks(of: "/data/f", user: "bob")
        #expect(!closed.isUnderConstruction && closed.blocks.map(\.lengthBytes) == [4096, 100])
        #expect(closed.status.lengthBytes == 4196)
        let summary = try namespace.contentSummary("/", user: "bob")
        #expect(summary == ContentSummary(directoryCount: 2, fileCount: 1, lengthBytes: 4196, spaceConsumedBytes: 8392))
        #expect(namespace.allFileBlocks().map(\.isComplete) == [true, true])
        #expect(namespace.block(owning: last.blockID) == BlockOwner(path: "/data/f", replication: 2))
        #expect(try namespace.walk("/").map(\.path) == ["/data/f"])
        #expect(try namespace.list("/data/f", user: "bob").map(\.pathSuffix) == [""])
    }

    @Test func createRefusesExistingPathsAndOverwriteReturnsOldBlocks() async throws {
        let fixture = try NamespaceFixture()
        let namespace = fixture.namespace
        let blocks = try await fixture.writeFile("/f", blockLengths: [10, 20])
        await #expect(throws: BlockStoreError(.fileAlreadyExists, "/f for client c2 already exists")) {
            try await namespace.createFile("/f", overwrite: false, user: "alice", clientName: "c2")
        }
        let replaced = try await namespace.createFile("/f", overwrite: true, user: "alice", clientName: "c2")
        #expect(replaced.removedBlocks == blocks && replaced.status.lengthBytes == 0)
        #expect(namespace.block(owning: blocks[0].blockID) == nil)
        await #expect(
            throws: BlockStoreError(
                .alreadyBeingCreated, "Failed to CREATE_FILE /f for c3 because this file lease is currently owned by c2")
        ) {
            try await namespace.createFile("/f", overwrite: true, user: "alice", clientName: "c3")
        }
        try await namespace.mkdirs("/d", user: "alice")
        await #expect(throws: BlockStoreError(.fileAlreadyExists, "/d already exists as a directory")) {
            try await namespace.createFile("/d", overwrite: true, user: "alice", clientName: "c2")
        }
        await #expect(throws: BlockStoreError(.parentNotDirectory, "/f (is not a directory)")) {
            try await namespace.createFile("/f/g", overwrite: true, user: "alice", clientName: "c2")
        }
        await #expect(throws: BlockStoreError.self) {
            try await namespace.createFile("/tiny", overwrite: false, blockSizeBytes: 10, user: "alice", clientName: "c2")
        }
    }

    @Test func deleteFollowsHDFSRules() async throws {
        let fixture = try NamespaceFixture()
        let namespace = fixture.namespace
        let blocks = try await fixture.writeFile("/d/e/f", blockLengths: [5])
        await #expect(throws: BlockStoreError(.pathIsNotEmptyDirectory, "`/d is non empty': Directory is not empty")) {
            try await namespace.delete("/d", recursive: false, user: "alice")
        }
        #expect(try await namespace.delete("/missing", recursive: true, user: "alice").deleted == false)
        #expect(try await namespace.delete("/", recursive: true, user: "hdfs").deleted == false)
        let result = try await namespace.delete("/d", recursive: true, user: "alice")
        #expect(result.deleted && result.removedBlocks == blocks)
        #expect(try namespace.list("/", user: "alice").isEmpty)
        #expect(namespace.allFileBlocks().isEmpty)
    }

    @Test func renameFollowsHDFSRules() async throws {
        let fixture = try NamespaceFixture()
        let namespace = fixture.namespace
        try await fixture.writeFile("/src/f", blockLengths: [1])
        try await fixture.writeFile("/other", blockLengths: [])
        try await namespace.mkdirs("/dst", user: "alice")
        #expect(try await namespace.rename(from: "/missing", to: "/x", user: "alice") == false)
        #expect(try await namespace.rename(from: "/src/f", to: "/other", user: "alice") == false)
        #expect(try await namespace.rename(from: "/src/f", to: "/nowhere/f", user: "alice") == false)
        #expect(try await namespace.rename(from: "/src", to: "/src/inner", user: "alice") == false)
        #expect(try await namespace.rename(from: "/src", to: "/src", user: "alice") == false)
        #expect(try await namespace.rename(from: "/src/f", to: "/src/f", user: "alice"))
        #expect(try await namespace.rename(from: "/src/f", to: "/dst", user: "alice"))
        #expect(try namespace.list("/dst", user: "alice").map(\.pathSuffix) == ["f"])
        #expect(try await namespace.rename(from: "/dst/f", to: "/g", user: "alice"))
        #expect(try await namespace.rename(from: "/src", to: "/dst", user: "alice"))
        #expect(try namespace.walk("/").map(\.path) == ["/g", "/other"])
        #expect(try namespace.status("/dst/src", user: "alice").isDirectory)
    }

    @Test func attributesChange() async throws {
        let fixture = try NamespaceFixture()
        let namespace = fixture.namespace
        let blocks = try await fixture.writeFile("/f", blockLengths: [7])
        let replication = try await namespace.setReplication("/f", replication: 5, user: "alice")
        #expect(replication.isFile && replication.previousReplication == 3 && replication.blocks == blocks)
        #expect(try namespace.status("/f", user: "alice").replication == 5)
        try await namespace.mkdirs("/d", user: "alice")
        #expect(try await namespace.setReplication("/d", replication: 2, user: "alice").isFile == false)
        try await namespace.setPermission("/f", permission: 0o600, user: "alice")
        try await namespace.setOwner("/f", owner: "carol", group: "staff", user: "hdfs")
        try await namespace.setTimes("/f", modificationTimeMillis: 5, accessTimeMillis: nil, user: "hdfs")
        let status = try namespace.status("/f", user: "alice")
        #expect(status.permission == 0o600 && status.owner == "carol" && status.group == "staff")
        #expect(status.modificationTimeMillis == 5 && status.accessTimeMillis == fixture.clock.nowMillis())
        await #expect(throws: BlockStoreError.self) {
            try await namespace.setReplication("/f", replication: 0, user: "hdfs")
        }
    }

    @Test func appendStartsANewBlockAndLeaseRecoveryClosesTheFile() async throws {
        var defaults = NamespaceDefaults()
        defaults.leaseSoftLimitMillis = 1_000
        defaults.leaseHardLimitMillis = 10_000
        let fixture = try NamespaceFixture(defaults: defaults)
        let namespace = fixture.namespace
        let original = try await fixture.writeFile("/f", blockLengths: [50])
        _ = try await namespace.appendFile("/f", user: "alice", clientName: "c2")
        let appended = try await namespace.allocateBlock("/f", clientName: "c2", previous: nil).block
        #expect(try namespace.blocks(of: "/f", user: "alice").blocks.map(\.blockID) == [original[0].blockID, appended.blockID])
        #expect(namespace.expiredLeases().isEmpty)
        fixture.clock.advance(byMillis: 2_000)
        await #expect(
            throws: BlockStoreError(
                .retriable, "Failed to APPEND_FILE /f for c3 because lease recovery is in progress. Try again later.")
        ) {
            try await namespace.appendFile("/f", user: "alice", clientName: "c3")
        }
        #expect(namespace.expiredLeases() == [ExpiredLease(path: "/f", clientName: "c2", uncommittedBlock: appended)])
        let dropped = try await namespace.recoverLease("/f", lastBlockLengthBytes: nil)
        #expect(dropped == [appended])
        let recovered = try namespace.blocks(of: "/f", user: "alice")
        #expect(!recovered.isUnderConstruction && recovered.status.lengthBytes == 50)
        await #expect(throws: BlockStoreError.self) {
            try await namespace.allocateBlock("/f", clientName: "c2", previous: nil)
        }

        // A hard-limit expiry with a known last length keeps the block.
        _ = try await namespace.createFile("/g", overwrite: false, user: "alice", clientName: "c4")
        let block = try await namespace.allocateBlock("/g", clientName: "c4", previous: nil).block
        fixture.clock.advance(byMillis: 5_000)
        namespace.renewLease(clientName: "c4")
        fixture.clock.advance(byMillis: 9_000)
        #expect(namespace.expiredLeases().isEmpty)
        fixture.clock.advance(byMillis: 1_000)
        #expect(namespace.expiredLeases().map(\.path) == ["/g"])
        #expect(try await namespace.recoverLease("/g", lastBlockLengthBytes: 33).isEmpty)
        #expect(try namespace.blocks(of: "/g", user: "alice").blocks == [ExtendedBlock(
            blockID: block.blockID, generationStamp: block.generationStamp, lengthBytes: 33)])
        #expect(namespace.expiredLeases().isEmpty)
    }
}
