import BlockStore
import SluiceCore
import Testing

@Suite struct NamespacePermissionTests {
    /// "/alice" (alice, 755) with "/alice/f" (alice, 644).
    private func aliceHome() async throws -> NamespaceFixture {
        let fixture = try NamespaceFixture()
        try await fixture.namespace.mkdirs("/alice", user: "hdfs")
        try await fixture.namespace.setOwner("/alice", owner: "alice", group: "alice", user: "hdfs")
        try await fixture.writeFile("/alice/f", blockLengths: [1])
        return fixture
    }

    @Test func writingIntoAnotherUsersDirectoryIsDenied() async throws {
        let fixture = try await aliceHome()
        let namespace = fixture.namespace
        let denied = BlockStoreError(
            .accessControl, "Permission denied: user=bob, access=WRITE, inode=\"/alice\":alice:alice:drwxr-xr-x")
        await #expect(throws: denied) { try await namespace.mkdirs("/alice/x", user: "bob") }
        await #expect(throws: denied) {
            try await namespace.createFile("/alice/g", overwrite: false, user: "bob", clientName: "b")
        }
        await #expect(throws: denied) { try await namespace.delete("/alice/f", recursive: false, user: "bob") }
        await #expect(throws: denied) { try await namespace.rename(from: "/alice/f", to: "/g", user: "bob") }
        try await namespace.mkdirs("/bob", user: "bob")
        await #expect(throws: denied) { try await namespace.rename(from: "/bob", to: "/alice/bob", user: "bob") }
        // The superuser passes everything.
        #expect(try await namespace.mkdirs("/alice/x", user: "hdfs"))
    }

    @Test func traverseAndListNeedExecuteAndRead() async throws {
        let fixture = try await aliceHome()
        let namespace = fixture.namespace
        try await namespace.setPermission("/alice", permission: 0o711, user: "alice")
        #expect(try namespace.status("/alice/f", user: "bob").lengthBytes == 1)
        #expect(throws: BlockStoreError(
            .accessControl, "Permission denied: user=bob, access=READ_EXECUTE, inode=\"/alice\":alice:alice:drwx--x--x")
        ) { try namespace.list("/alice", user: "bob") }
        try await namespace.setPermission("/alice", permission: 0o700, user: "alice")
        #expect(throws: BlockStoreError(
            .accessControl, "Permission denied: user=bob, access=EXECUTE, inode=\"/alice\":alice:alice:drwx------")
        ) { try namespace.status("/alice/f", user: "bob") }
        #expect(try namespace.list("/alice", user: "alice").count == 1)
        // Group bits apply to a user named like the group; nobody is in "supergroup".
        try await namespace.setPermission("/alice", permission: 0o770, user: "alice")
        try await namespace.setOwner("/alice", owner: "hdfs", group: "bob", user: "hdfs")
        #expect(try namespace.list("/alice", user: "bob").count == 1)
        #expect(throws: BlockStoreError.self) { try namespace.list("/alice", user: "supergroup-member") }
    }

    @Test func stickyBitProtectsOtherUsersEntries() async throws {
        let fixture = try NamespaceFixture()
        let namespace = fixture.namespace
        try await fixture.writeFile("/shared", blockLengths: [])
        let denied = BlockStoreError(
            .accessControl,
            "Permission denied by sticky bit: user=bob, path=\"/shared\":alice:supergroup:-rw-r--r--, "
                + "parent=\"/\":hdfs:supergroup:drwxrwxrwt")
        await #expect(throws: denied) { try await namespace.delete("/shared", recursive: false, user: "bob") }
        await #expect(throws: denied) { try await namespace.rename(from: "/shared", to: "/mine", user: "bob") }
        #expect(try await namespace.rename(from: "/shared", to: "/mine", user: "alice"))
        #expect(try await namespace.delete("/mine", recursive: false, user: "alice").deleted)
    }

    @Test func overwriteReplicationAndTimesNeedWriteOnTheFile() async throws {
        let fixture = try NamespaceFixture()
        let namespace = fixture.namespace
        try await namespace.mkdirs("/open", permission: 0o777, user: "hdfs")
        try await fixture.writeFile("/open/f", blockLengths: [])
        let denied = BlockStoreError(
            .accessControl, "Permission denied: user=bob, access=WRITE, inode=\"/open/f\":alice:supergroup:-rw-r--r--")
        await #expect(throws: denied) {
            try await namespace.createFile("/open/f", overwrite: true, user: "bob", clientName: "b")
        }
        await #expect(throws: denied) { try await namespace.setReplication("/open/f", replication: 1, user: "bob") }
        await #expect(throws: denied) {
            try await namespace.setTimes("/open/f", modificationTimeMillis: 1, accessTimeMillis: 1, user: "bob")
        }
        await #expect(throws: denied) { try await namespace.appendFile("/open/f", user: "bob", clientName: "b") }
        try await namespace.setPermission("/open/f", permission: 0o600, user: "alice")
        #expect(throws: BlockStoreError(
            .accessControl, "Permission denied: user=bob, access=READ, inode=\"/open/f\":alice:supergroup:-rw-------")
        ) { try namespace.blocks(of: "/open/f", user: "bob") }
        // Without the sticky bit anyone with w+x on the parent deletes.
        #expect(try await namespace.delete("/open/f", recursive: false, user: "bob").deleted)
    }

    @Test func onlyOwnersChangeModesAndOnlyTheSuperuserGivesFilesAway() async throws {
        let fixture = try await aliceHome()
        let namespace = fixture.namespace
        await #expect(
            throws: BlockStoreError(.accessControl, "Permission denied. user=bob is not the owner of inode=/alice/f")
        ) { try await namespace.setPermission("/alice/f", permission: 0o777, user: "bob") }
        await #expect(
            throws: BlockStoreError(
                .accessControl, "User alice is not a super user (non-super user cannot change owner).")
        ) { try await namespace.setOwner("/alice/f", owner: "bob", group: nil, user: "alice") }
        await #expect(throws: BlockStoreError(.accessControl, "User alice does not belong to staff")) {
            try await namespace.setOwner("/alice/f", owner: nil, group: "staff", user: "alice")
        }
        try await namespace.setOwner("/alice/f", owner: nil, group: "alice", user: "alice")
        try await namespace.setOwner("/alice/f", owner: "bob", group: "staff", user: "hdfs")
        #expect(try namespace.status("/alice/f", user: "bob").owner == "bob")
    }

    @Test func recursiveDeleteNeedsFullAccessBelow() async throws {
        let fixture = try NamespaceFixture()
        let namespace = fixture.namespace
        try await namespace.mkdirs("/bob/locked/inner", user: "bob")
        try await namespace.setOwner("/bob/locked", owner: "alice", group: nil, user: "hdfs")
        await #expect(
            throws: BlockStoreError(
                .accessControl,
                "Permission denied: user=bob, access=ALL, inode=\"/bob/locked\":alice:supergroup:drwxr-xr-x")
        ) { try await namespace.delete("/bob", recursive: true, user: "bob") }
        #expect(try await namespace.delete("/bob", recursive: true, user: "hdfs").deleted)
    }
}
