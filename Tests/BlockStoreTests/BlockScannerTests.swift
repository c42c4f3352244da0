import SluiceCore
import Testing
@testable import BlockStore

@Suite("Datanode block scanner")
struct BlockScannerTests {
    /// Six replicas, two of them corrupted: a flipped byte in block 3, a truncated meta file of block 5.
    private func storageWithCorruption(_ root: String) throws -> (BlockStorage, totalBytes: Int64) {
        let storage = try BlockStorageFixture.storage([root])
        var totalBytes: Int64 = 0
        for blockID: UInt64 in 1...6 {
            let bytes = BlockStorageFixture.bytes(count: Int(blockID) * 100_003, seed: blockID)
            try BlockStorageFixture.writeReplica(storage, blockID: blockID, generationStamp: 2, bytes: bytes)
            totalBytes += Int64(bytes.count)
        }
        try BlockStorageFixture.flipByte(at: 250_000, in: BlockStorageFixture.finalizedBlockPath(storage, blockID: 3))
        let meta = DataFolder(rootPath: root).replicaPaths(blockID: 5, generationStamp: 2, isFinalized: true).meta
        let metaBytes = try LocalFileSystem().readAll(meta)
        try LocalFileSystem().write(Array(metaBytes.dropLast(4)), to: meta, overwrite: true)
        return (storage, totalBytes)
    }

    @Test("a full scan finds exactly the corrupted replicas")
    func scanFindsCorruptReplicas() throws {
        let root = BlockStorageFixture.makeTemporaryFolder()
        defer { BlockStorageFixture.removeFolder(root) }
        let (storage, _) = try storageWithCorruption(root)
        let scanner = BlockScanner(storage: storage, clock: ManualWallClock(), sleepMillis: { _ in
            Issue.record("an unlimited scan must not sleep")
        })
        #expect(scanner.scan(bytesPerSecondMax: nil).map(\.blockID) == [3, 5])
        try storage.deleteReplica(blockID: 3)
        #expect(scanner.scan(bytesPerSecondMax: nil).map(\.blockID) == [5])
    }

    @Test("a rate-limited scan waits on the injected clock, not the real one")
    func rateLimitedScanUsesInjectedClock() throws {
        let root = BlockStorageFixture.makeTemporaryFolder()
        defer { BlockStorageFixture.removeFolder(root) }
        let (storage, totalBytes) = try storageWithCorruption(root)
        let clock = ManualWallClock(startMillis: 1_000)
        let scanner = BlockScanner(storage: storage, clock: clock, sleepMillis: { clock.advance(byMillis: $0) },
                                   pieceSizeBytes: 64 << 10)
        let rate = 1 << 20
        #expect(scanner.scan(bytesPerSecondMax: rate).map(\.blockID) == [3, 5])
        // Block 3 stops at its bad chunk and block 5 is not read, so fewer bytes than all were paced.
        let elapsedMillis = clock.nowMillis() - 1_000
        #expect(elapsedMillis > 0)
        #expect(elapsedMillis <= totalBytes * 1000 / Int64(rate))
        #expect(elapsedMillis >= (totalBytes - 5 * 100_003 - 3 * 100_003) * 1000 / Int64(rate) - 100)
    }

    @Test("time slices cover every byte once per pass and find the same corrupt replicas")
    func timeSlicedScan() throws {
        let root = BlockStorageFixture.makeTemporaryFolder()
        defer { BlockStorageFixture.removeFolder(root) }
        let (storage, totalBytes) = try storageWithCorruption(root)
        let scanner = BlockScanner(storage: storage, clock: ManualWallClock(), sleepMillis: { _ in }, pieceSizeBytes: 100_000)
        for _ in 0..<2 {
            var corrupt: [UInt64] = []
            var bytesVerified: Int64 = 0
            var slices = 0
            while true {
                let slice = scanner.scanNext(byteBudget: 300_000)
                #expect(slice.bytesVerified <= 300_000 + 512)
                corrupt += slice.corruptBlocks.map(\.blockID)
                bytesVerified += slice.bytesVerified
                slices += 1
                if slice.passCompleted { break }
            }
            #expect(corrupt == [3, 5])
            // Block 5 (meta length wrong) is not read; block 3 is read up to its bad piece.
            #expect(bytesVerified <= totalBytes - 5 * 100_003)
            #expect(bytesVerified > totalBytes - 8 * 100_003)
            #expect(slices > 5)
        }
    }
}
