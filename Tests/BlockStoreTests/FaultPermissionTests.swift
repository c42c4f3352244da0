import BlockStore
import Foundation
import SluiceCore
import Testing

/// HDFS permissions enforced by a namenode process between two users: bob cannot delete,
/// overwrite or rename alice's file, in a sticky world-writable folder or in alice's own folder;
/// alice can.
@Suite(.serialized) struct FaultPermissionTests {
    /// Expects `body` to fail with `AccessControlException`.
    func expectDenied(_ what: String, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("\(what) was allowed")
        } catch let error as BlockStoreError {
            #expect(error.kind == .accessControl, "\(what): \(error)")
        } catch {
            Issue.record("\(what) failed with \(error), not AccessControlException")
        }
    }

    @Test func anotherUserCannotDeleteOverwriteOrRenameAFile() async throws {
        let cluster = try await ProcessCluster.start(datanodes: 1)
        defer { cluster.stopAll() }
        let admin = try cluster.client(user: "sluice")
        let alice = try cluster.client(user: "alice")
        let bob = try cluster.client(user: "bob")
        // A shared world-writable folder with the sticky bit (like /tmp), and alice's own folder.
        try await admin.makeDirectories("/shared")
        try await admin.setPermission("/shared", 0o1777)
        try await admin.makeDirectories("/alice")
        try await admin.setOwner("/alice", owner: "alice", group: nil)
        let bytes = ProcessCluster.seededBytes(count: 5000, seed: 606)

        for folder in ["/shared", "/alice"] {
            let path = folder + "/report.csv"
            let stream = try await alice.create(path, overwrite: false, replication: 1)
            try await stream.write(bytes)
            try await stream.close()
            #expect(try await alice.status(path).owner == "alice")

            await expectDenied("bob deletes \(path)") { _ = try await bob.delete(path, recursive: false) }
            await expectDenied("bob overwrites \(path)") {
                let stream = try await bob.create(path, overwrite: true, replication: 1)
                try await stream.write(Array("bob was here".utf8))
                try await stream.close()
            }
            await expectDenied("bob renames \(path)") { _ = try await bob.rename(path, to: folder + "/bob.csv") }
            let afterBob = try await alice.open(path).read(offset: 0, count: bytes.count)
            #expect(afterBob == bytes, "\(path) is untouched after bob's attempts")
            #expect((try? await bob.status(folder + "/bob.csv")) == nil)

            let replacement = Array("alice,2\n".utf8)
            let overwrite = try await alice.create(path, overwrite: true, replication: 1)
            try await overwrite.write(replacement)
            try await overwrite.close()
            #expect(try await alice.open(path).read(offset: 0, count: replacement.count) == replacement)
            #expect(try await alice.rename(path, to: folder + "/renamed.csv"))
            #expect(try await alice.delete(folder + "/renamed.csv", recursive: false))
            #expect((try? await alice.status(folder + "/renamed.csv")) == nil)
        }
    }
}
