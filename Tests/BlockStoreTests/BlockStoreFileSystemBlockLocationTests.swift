import BlockStore
import Foundation
import SluiceCore
import Testing

@Suite(.serialized) struct BlockStoreFileSystemBlockLocationTests {
    @Test func aThreeBlockFileHasThreeLocationsWithTheirHosts() async throws {
        let cluster = try await MiniCluster.start(datanodes: 3, blockSizeBytes: 64 * 1024, replication: 2)
        defer { Task { await cluster.stop() } }
        let client = cluster.client()
        var generator = SeededRandomGenerator(seed: 11)
        let byteCount = 64 * 1024 * 2 + 5000
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let stream = try await client.create("/input/three-blocks.bin", overwrite: false)
        try await stream.write(bytes)
        try await stream.close()

        let fileSystem = BlockStoreFileSystem(client: client)
        let locations = try await onOwnThread { try fileSystem.blockLocations("/input/three-blocks.bin") }
        #expect(locations.map(\.offset) == [0, 64 * 1024, 128 * 1024])
        #expect(locations.map(\.length) == [64 * 1024, 64 * 1024, 5000])
        // Every datanode of the mini cluster runs on the loopback host, so the two replicas share it.
        #expect(locations.allSatisfy { !$0.hosts.isEmpty && $0.hosts.allSatisfy { !$0.isEmpty } })
        let any: any FileSystem = fileSystem
        #expect(any is any BlockLocatingFileSystem)
    }

    /// Runs a blocking file system call on a thread of its own, as task threads do, so the
    /// cooperative pool stays free for the cluster's servers.
    private func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}
