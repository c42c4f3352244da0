import BlockStore
import Foundation
import SluiceCore
import Testing

/// A datanode process killed with SIGKILL in the middle of a multi-block write at replication 3:
/// no acknowledged byte is lost, and replication is restored on a new datanode.
@Suite(.serialized) struct FaultDataNodeTests {
    /// Which datanode dies.
    enum Victim: String, CaseIterable, Sendable {
        /// The head of every write pipeline (the writer is "local" to it): the client's own
        /// block transfer fails and it must abandon the block and retry without that node.
        case pipelineHead
        /// A seeded choice, with pipelines in random order: the failure is seen by the client
        /// or by an upstream datanode, depending on where the node was in the pipeline.
        case seededChoice
    }

    @Test(arguments: Victim.allCases)
    func datanodeKilledDuringAWriteLosesNothing(victim: Victim) async throws {
        let cluster = try await ProcessCluster.start(datanodes: 3)
        defer { cluster.stopAll() }
        var generator = SeededRandomGenerator(seed: victim == .pipelineHead ? 101 : 202)
        let blockCount = 40
        let killAfterBlocks = Int.random(in: 3...6, using: &generator)
        let victimIndex = victim == .pipelineHead ? 1 : Int.random(in: 0..<3, using: &generator)
        // No datanode listens on 127.0.0.9, so without a local node the pipeline order is random.
        let localHost = victim == .pipelineHead ? ProcessCluster.dataNodeHost(victimIndex) : "127.0.0.9"
        let client = try cluster.client(localHost: localHost)
        let blockSizeBytes = cluster.blockSizeBytes
        let bytes = ProcessCluster.seededBytes(count: blockCount * blockSizeBytes + 777, seed: generator.next())
        let victimAddress = try #require(cluster.dataNodeAddress(victimIndex))
        let path = "/fault/killed-\(victim).bin"

        let stream = try await client.create(path, overwrite: false)
        // The kill lands while the writer is busy with blocks after the first few are acknowledged
        // (a block is acknowledged once the next one is allocated).
        let killer = Task {
            try await cluster.waitUntil("\(killAfterBlocks) blocks of \(path) acknowledged") {
                try await client.fsck(path).totalBlocks > killAfterBlocks
            }
            cluster.killDataNode(victimIndex)
        }
        defer { killer.cancel() }
        // The last blocks are written only after the kill, while the namenode still thinks the
        // victim is alive, so every run sees writes against the dead node.
        let afterKillStart = (blockCount - 5) * blockSizeBytes
        var offset = 0
        while offset < bytes.count {
            if offset == afterKillStart { try await killer.value }
            let end = min(offset + blockSizeBytes, bytes.count)
            try await stream.write(Array(bytes[offset..<end]))
            offset = end
        }
        try await stream.close()
        #expect(cluster.dataNodeAddress(victimIndex) == nil, "the victim was killed during the write")
        if victim == .pipelineHead {
            #expect(stream.pipelineRecoveryCount >= 1, "the dead pipeline head was excluded and a block sent again")
        }

        let status = try await client.status(path)
        #expect(status.length == Int64(bytes.count))
        let reader = try await client.open(path)
        #expect(reader.blocks.count == blockCount + 1)
        let back = try await reader.read(offset: 0, count: bytes.count)
        #expect(ProcessCluster.firstDifference(back, bytes) == nil, "the file reads back byte-identical")

        try await cluster.startDataNode(3)
        let report = try await cluster.waitForReplication(under: path, excluding: [victimAddress], timeoutSeconds: 40)
        #expect(report.files.count == 1 && report.totalBlocks == blockCount + 1)
        #expect(report.missingBlocks == 0 && report.underReplicatedBlocks == 0 && report.corruptReplicas == 0)
        let again = try await client.open(path).read(offset: 0, count: bytes.count)
        #expect(ProcessCluster.firstDifference(again, bytes) == nil, "the file reads back byte-identical after re-replication")
    }
}
