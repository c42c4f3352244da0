import BlockStore
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
