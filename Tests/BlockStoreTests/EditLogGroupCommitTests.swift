import BlockStore
import Foundation
import SluiceCore
import Testing

@Suite struct EditLogGroupCommitTests {
    @Test func concurrentWritersShareSyncs() async throws {
        let fixture = try NamespaceFixture()
        let namespace = fixture.namespace
        let syncsBefore = namespace.editLogSyncCount
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<200 {
                group.addTask { try await namespace.mkdirs("/d\(index)", user: "alice") }
            }
            for try await created in group { #expect(created) }
        }
        let syncs = namespace.editLogSyncCount - syncsBefore
        #expect(try namespace.list("/", user: "alice").count == 200)
        #expect(syncs < 100, "\(syncs) syncs for 200 edits")
        try fixture.restart()
        #expect(try fixture.namespace.list("/", user: "alice").count == 200)
    }
}
