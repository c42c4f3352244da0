import BlockStore
import Foundation
import SluiceCore
import Testing

@Suite struct NamespaceRestartTests {
    /// A mix of every kind of change.
    private func populate(_ fixture: NamespaceFixture, prefix: String) async throws {
        let namespace = fixture.namespace
        try await namespace.mkdirs("\(prefix)/a/b", permission: 0o750, user: "alice")
        try await fixture.writeFile("\(prefix)/a/f", blockLengths: [100, 20])
        try await fixture.writeFile("\(prefix)/a/gone", blockLengths: [3])
        _ = try await namespace.delete("\(prefix)/a/gone", recursive: false, user: "alice")
        _ = try await namespace.rename(from: "\(prefix)/a/f", to: "\(prefix)/a/b", user: "alice")
        _ = try await namespace.setReplication("\(prefix)/a/b/f", replication: 2, user: "alice")
        try await namespace.setOwner("\(prefix)/a", owner: "carol", group: "carol", user: "hdfs")
        try await namespace.setTimes("\(prefix)/a/b/f", modificationTimeMillis: 42, accessTimeMillis: 43, user: "hdfs")
        _ = try await namespace.createFile("\(prefix)-open", overwrite: false, user: "bob", clientName: "writer")
        _ = try await namespace.allocateBlock("\(prefix)-open", clientName: "writer", previous: nil)
        fixture.clock.advance(byMillis: 1_000)
    }

    @Test func reopeningReplaysTheLogIntoTheSameTree() async throws {
        let fixture = try NamespaceFixture()
        try await populate(fixture, prefix: "/p")
        let before = try fixture.snapshot()
        let blocksBefore = fixture.namespace.allFileBlocks()
        let lastTxid = fixture.namespace.lastTransactionID
        try fixture.restart()
        let after = try fixture.snapshot()
        for key in Set(before.keys).union(after.keys) where before[key] != after[key] {
            Issue.record("\(key): \(String(describing: before[key])) != \(String(describing: after[key]))")
        }
        #expect(fixture.namespace.allFileBlocks() == blocksBefore)
        #expect(fixture.namespace.lastTransactionID == lastTxid)
        #expect(try fixture.namespace.blocks(of: "/p-open", user: "bob").isUnderConstruction)
        // The lease survives the restart: the writer goes on.
        let open = try fixture.namespace.blocks(of: "/p-open", user: "bob").blocks[0]
        try await fixture.namespace.completeFile("/p-open", clientName: "writer", last: open)
    }

    @Test func checkpointThenMoreEditsThenRestart() async throws {
        let fixture = try NamespaceFixture()
        try await populate(fixture, prefix: "/one")
        try fixture.namespace.checkpoint()
        try await populate(fixture, prefix: "/two")
        try fixture.namespace.checkpoint()
        try await populate(fixture, prefix: "/three")
        try fixture.namespace.checkpoint()
        try await populate(fixture, prefix: "/four")
        let before = try fixture.snapshot()
        try fixture.restart()
        #expect(try fixture.snapshot() == before)
        let names = try FileManager.default.contentsOfDirectory(atPath: fixture.directory)
        #expect(names.filter { $0.hasPrefix("fsimage_") }.count == 2)
        // Segments older than the older kept image are gone.
        #expect(names.filter { $0.hasPrefix("edits_") }.count <= 3)
    }

    @Test func checkpointIsDueAfterTheConfiguredEditCount() async throws {
        var defaults = NamespaceDefaults()
        defaults.checkpointTransactionCountMax = 3
        let fixture = try NamespaceFixture(defaults: defaults)
        try await fixture.namespace.mkdirs("/a/b", user: "alice")
        #expect(!fixture.namespace.isCheckpointDue())
        try await fixture.namespace.mkdirs("/c", user: "alice")
        #expect(fixture.namespace.isCheckpointDue())
        try fixture.namespace.checkpoint()
        #expect(!fixture.namespace.isCheckpointDue())
    }

    @Test func blockIDsAreNeverReusedAcrossRestarts() async throws {
        let fixture = try NamespaceFixture()
        var seen = Set<UInt64>()
        var stamps = Set<UInt64>()
        for round in 0..<3 {
            _ = try await fixture.namespace.createFile("/f\(round)", overwrite: false, user: "alice", clientName: "c")
            let block = try await fixture.namespace.allocateBlock("/f\(round)", clientName: "c", previous: nil).block
            // Abandoned and deleted blocks must not come back either.
            try await fixture.namespace.abandonBlock("/f\(round)", clientName: "c", block: block)
            _ = try await fixture.namespace.delete("/f\(round)", recursive: false, user: "alice")
            #expect(seen.insert(block.blockID).inserted && stamps.insert(block.generationStamp).inserted)
            if round == 1 { try fixture.namespace.checkpoint() }
            try fixture.restart()
        }
    }
}
