import BlockStore
import Foundation
import SluiceCore
import Testing

/// One byte flipped in one replica's block file on a datanode's disk: readers still get the
/// right bytes, the corruption reaches the namenode (through a reader or the datanode's block
/// scanner), and the block gets back to three good replicas with the bad one gone.
@Suite(.serialized) struct FaultCorruptionTests {
    /// Writes a seeded 3½-block file and flips one byte of one replica; returns the file's bytes,
    /// the damaged block and the datanode holding the damaged replica.
    func writeAndCorrupt(_ cluster: ProcessCluster, path: String, seed: UInt64) async throws
        -> (bytes: [UInt8], block: ClientProtocol.LocatedBlock, victimIndex: Int)
    {
        var generator = SeededRandomGenerator(seed: seed)
        let bytes = ProcessCluster.seededBytes(count: cluster.blockSizeBytes * 3 + cluster.blockSizeBytes / 2, seed: generator.next())
        let stream = try await cluster.client().create(path, overwrite: false)
        try await stream.write(bytes)
        try await stream.close()
        try await cluster.waitForReplication(under: path)
        let blocks = try await cluster.client().open(path).blocks
        #expect(blocks.count == 4)
        let block = blocks[Int.random(in: 0..<blocks.count, using: &generator)]
        let victimIndex = Int.random(in: 0..<3, using: &generator)
        let file = try #require(cluster.replicaFile(blockID: block.block.blockID, onDataNode: victimIndex), "datanode \(victimIndex) holds \(block.block)")
        var onDisk = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(onDisk == Array(bytes[Int(block.offsetBytes)..<Int(block.offsetBytes + block.block.lengthBytes)]))
        let flipOffset = Int.random(in: 0..<onDisk.count, using: &generator)
        onDisk[flipOffset] ^= 0x5A
        try Data(onDisk).write(to: URL(fileURLWithPath: file))
        return (bytes, block, victimIndex)
    }

    /// Waits until the block has three good replicas again and the damaged datanode holds either
    /// no replica of it or a correct one.
    func waitUntilRepaired(
        _ cluster: ProcessCluster, path: String, bytes: [UInt8], block: ClientProtocol.LocatedBlock, victimIndex: Int
    ) async throws {
        let expected = Array(bytes[Int(block.offsetBytes)..<Int(block.offsetBytes + block.block.lengthBytes)])
        let client = try cluster.client()
        try await cluster.waitUntil("\(block.block) repaired: 3 good replicas, the corrupt one gone or replaced", timeoutSeconds: 40) {
            let report = try await client.fsck(path)
            guard let status = report.files.first?.blocks.first(where: { $0.block.blockID == block.block.blockID }),
                status.liveAddresses.count == 3, status.corruptAddresses.isEmpty
            else { return false }
            guard let file = cluster.replicaFile(blockID: block.block.blockID, onDataNode: victimIndex) else { return true }
            return (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))) == expected
        }
        let back = try await client.open(path).read(offset: 0, count: bytes.count)
        #expect(ProcessCluster.firstDifference(back, bytes) == nil)
    }

    @Test func readerGetsGoodBytesAndTheCorruptReplicaIsReplaced() async throws {
        // No scanner: only the read finds the damage.
        let cluster = try await ProcessCluster.start(datanodes: 3, dataNodeOptions: ["--scan-interval-ms", "0"])
        defer { cluster.stopAll() }
        let path = "/fault/corrupt-read.bin"
        let (bytes, block, victimIndex) = try await writeAndCorrupt(cluster, path: path, seed: 303)

        // A reader local to the damaged datanode tries the corrupt replica first.
        let reader = try await cluster.client(localHost: ProcessCluster.dataNodeHost(victimIndex)).open(path)
        let located = try #require(reader.blocks.first { $0.block.blockID == block.block.blockID })
        #expect(located.locations.first?.host == ProcessCluster.dataNodeHost(victimIndex), "the corrupt replica is read first")
        let back = try await reader.read(offset: 0, count: bytes.count)
        #expect(ProcessCluster.firstDifference(back, bytes) == nil, "the read failed over to a good replica")

        try await waitUntilRepaired(cluster, path: path, bytes: bytes, block: block, victimIndex: victimIndex)
    }

    @Test func blockScannerReportsCorruptionWithoutAnyRead() async throws {
        let cluster = try await ProcessCluster.start(datanodes: 3, dataNodeOptions: ["--scan-interval-ms", "300"])
        defer { cluster.stopAll() }
        let path = "/fault/corrupt-scan.bin"
        let (bytes, block, victimIndex) = try await writeAndCorrupt(cluster, path: path, seed: 404)
        try await waitUntilRepaired(cluster, path: path, bytes: bytes, block: block, victimIndex: victimIndex)
    }
}
