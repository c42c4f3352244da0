import BlockStore
import Cluster
import SluiceCore
import Testing

@Suite(.serialized) struct MiniClusterTests {
    @Test func writesAndReadsAMultiBlockFileThroughThePipeline() async throws {
        let cluster = try await MiniCluster.start(datanodes: 3)
        defer { Task { await cluster.stop() } }
        let client = cluster.client()
        var generator = SeededRandomGenerator(seed: 5)
        let bytes = (0..<(64 * 1024 * 3 + 1234)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let stream = try await client.create("/data/file.bin", overwrite: false)
        try await stream.write(bytes)
        try await stream.close()
        let reader = try await client.open("/data/file.bin")
        #expect(reader.lengthBytes == Int64(bytes.count))
        #expect(reader.blocks.count == 4)
        #expect(reader.blocks.allSatisfy { $0.locations.count == 3 })
        let back = try await reader.read(offset: 0, count: bytes.count)
        #expect(back == bytes)
        let middle = try await reader.read(offset: 65_000, count: 70_000)
        #expect(middle == Array(bytes[65_000..<135_000]))
        let status = try await client.status("/data/file.bin")
        #expect(status.length == Int64(bytes.count))
        #expect(status.type == .file)
        let listing = try await client.list("/data")
        #expect(listing.map(\.pathSuffix) == ["file.bin"])
    }
}

@Suite(.serialized) struct MiniClusterReplicationTests {
    func writeFile(_ client: DFSClient, _ path: String, byteCount: Int, seed: UInt64) async throws -> [UInt8] {
        var generator = SeededRandomGenerator(seed: seed)
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let stream = try await client.create(path, overwrite: false)
        try await stream.write(bytes)
        try await stream.close()
        return bytes
    }

    @Test func aStoppedDatanodesBlocksAreCopiedToTheOthers() async throws {
        let cluster = try await MiniCluster.start(datanodes: 4, deadAfterMillis: 2000)
        defer { Task { await cluster.stop() } }
        let client = cluster.client()
        let bytes = try await writeFile(client, "/f", byteCount: 64 * 1024 * 5, seed: 9)
        let victim = cluster.dataNodes[0]
        let victimUUID = victim.storage.datanodeUUID
        await victim.stop()
        try await cluster.waitUntil {
            guard let report = try? cluster.nameNode.fsck("/f") else { return false }
            return report.files[0].blocks.allSatisfy { block in
                block.liveAddresses.count == 3 && !block.liveAddresses.contains(victim.address)
            }
        }
        #expect(cluster.nameNode.clusterReport().datanodes.first { $0.info.datanodeUUID == victimUUID }?.state == .dead)
        // At least this failure: on a loaded machine a late heartbeat before the stop may have
        // been declared a failure too (the node registered again after it).
        #expect((cluster.nameNode.clusterReport().datanodes.first { $0.info.datanodeUUID == victimUUID }?.failureCount ?? 0) >= 1)
        let back = try await client.open("/f").read(offset: 0, count: bytes.count)
        #expect(back == bytes)
    }

    @Test func loweringReplicationDeletesExtraReplicas() async throws {
        let cluster = try await MiniCluster.start(datanodes: 3)
        defer { Task { await cluster.stop() } }
        let client = cluster.client()
        _ = try await writeFile(client, "/g", byteCount: 64 * 1024 * 2, seed: 10)
        #expect(try await client.setReplication("/g", 1))
        try await cluster.waitUntil {
            let replicaCount = cluster.dataNodes.map { $0.storage.replicas().count }.reduce(0, +)
            return replicaCount == 2
        }
        let report = try cluster.nameNode.fsck("/g")
        #expect(report.files[0].blocks.allSatisfy { $0.liveAddresses.count == 1 })
    }

    @Test func aRestartedNamenodeStaysInSafemodeUntilTheDatanodesReportAgain() async throws {
        let cluster = try await MiniCluster.start(datanodes: 2, replication: 2)
        defer { Task { await cluster.stop() } }
        let client = cluster.client()
        let bytes = try await writeFile(client, "/dir/h", byteCount: 100_000, seed: 11)
        let address = cluster.nameNode.address
        await cluster.nameNode.stop()
        var configuration = cluster.nameNode.configuration
        configuration.port = Int(address.split(separator: ":").last!)!
        let restarted = try NameNode(configuration: configuration)
        #expect(restarted.safeMode.isInSafeMode)
        #expect(try restarted.namespace.status("/dir/h", user: "sluice").lengthBytes == 100_000)
        try await restarted.start()
        defer { Task { await restarted.stop() } }
        await #expect(throws: BlockStoreError(.safeMode, "Cannot create directory /other. Name node is in safe mode.")) {
            try await client.makeDirectories("/other")
        }
        // The datanodes' next heartbeats are told to register again and report their replicas.
        try await cluster.waitUntil { !restarted.safeMode.isInSafeMode }
        #expect(try await client.makeDirectories("/other"))
        #expect(try await client.open("/dir/h").read(offset: 0, count: bytes.count) == bytes)
    }
}

@Suite(.serialized) struct MiniClusterAppendTests {
    @Test func appendsAddBytesInNewBlocksThroughTheClientAndWebHDFS() async throws {
        let cluster = try await MiniCluster.start(datanodes: 2, replication: 2)
        defer { Task { await cluster.stop() } }
        let client = cluster.client()
        let first = Array(repeating: UInt8(ascii: "a"), count: 70_000)
        let created = try await client.create("/log.txt", overwrite: false)
        try await created.write(first)
        try await created.close()
        let second = Array(repeating: UInt8(ascii: "b"), count: 1000)
        let appended = try await client.append("/log.txt")
        try await appended.write(second)
        try await appended.close()

        // WebHDFS's two steps: POST to the namenode, then the bytes to the datanode it names.
        let namenode = cluster.nameNode.address
        let third = Array("c-from-webhdfs".utf8)
        let redirect = try await HTTPCall.send(
            method: .POST, url: "http://\(namenode)/webhdfs/v1/log.txt?op=APPEND&user.name=sluice&noredirect=true")
        let location = try #require(String(decoding: redirect, as: UTF8.self).split(separator: "\"").dropFirst(3).first)
        _ = try await HTTPCall.send(method: .POST, url: String(location), body: third, contentType: "application/octet-stream")

        let reader = try await client.open("/log.txt")
        #expect(reader.lengthBytes == Int64(first.count + second.count + third.count))
        #expect(reader.blocks.map(\.block.lengthBytes) == [65_536, 70_000 - 65_536, 1000, Int64(third.count)])
        #expect(try await reader.read(offset: 0, count: Int(reader.lengthBytes)) == first + second + third)
        #expect(try await reader.read(offset: 69_990, count: 20) == Array(first.suffix(10)) + Array(second.prefix(10)))
        let checksum = try await client.fileChecksum("/log.txt")
        #expect(checksum.algorithm == "COMPOSITE-CRC32C")
        #expect(UInt32(checksum.bytes, radix: 16) == CRC32C.checksum(first + second + third))
    }
}
