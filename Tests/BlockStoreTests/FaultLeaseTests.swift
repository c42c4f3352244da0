import BlockStore
import Foundation
import SluiceCore
import Testing

/// A writer that vanishes without closing its file: once its lease passes the hard limit the
/// namenode closes the file at its last complete length.
@Suite(.serialized) struct FaultLeaseTests {
    @Test func aVanishedWritersFileIsClosedAtItsLastCompleteLength() async throws {
        let cluster = try await ProcessCluster.start(datanodes: 3, nameNodeOptions: ["--lease-hard-limit-ms", "5000"])
        defer { cluster.stopAll() }
        let writer = try cluster.client(user: "sluice")
        let blockSizeBytes = cluster.blockSizeBytes
        let bytes = ProcessCluster.seededBytes(count: 2 * blockSizeBytes + 1000, seed: 707)
        let path = "/fault/abandoned.bin"
        let stream = try await writer.create(path, overwrite: false)
        // Two full blocks go to the datanodes; the last 1000 bytes stay in the writer's buffer.
        try await stream.write(bytes)
        let open = try #require(try await writer.fsck(path).files.first)
        #expect(open.isUnderConstruction && open.blocks.count == 2)

        // The writer is gone: nothing renews its lease.
        let reader = try cluster.client(user: "sluice")
        try await cluster.waitUntil("\(path) closed by lease recovery", timeoutSeconds: 20) {
            try await reader.fsck(path).files.first?.isUnderConstruction == false
        }
        let status = try await reader.status(path)
        #expect(status.length == Int64(2 * blockSizeBytes), "the file ends after its last complete block")
        let stored = try await reader.open(path)
        #expect(stored.blocks.count == 2)
        let back = try await stored.read(offset: 0, count: 2 * blockSizeBytes)
        #expect(back == Array(bytes[0..<(2 * blockSizeBytes)]))

        // The writer coming back finds its lease gone.
        do {
            try await stream.close()
            Issue.record("close after lease recovery succeeded")
        } catch let error as BlockStoreError {
            #expect(error.kind == .leaseExpired, "\(error)")
        }
        #expect(try await reader.status(path).length == Int64(2 * blockSizeBytes))
    }
}
