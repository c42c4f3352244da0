#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SluiceCore
import Testing
@testable import BlockStore

/// Temporary data folders and helpers shared by the datanode storage and scanner tests.
enum BlockStorageFixture {
    /// A fresh empty folder under the system's temporary directory.
    static func makeTemporaryFolder() -> String {
        var template = Array((NSTemporaryDirectory() + "blockstorage.XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        return String(cString: made!)
    }

    static func removeFolder(_ path: String) {
        try? LocalFileSystem().delete(path, recursive: true)
    }

    /// Deterministic bytes for a block.
    static func bytes(count: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededRandomGenerator(seed: seed)
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { buffer in
            for index in stride(from: 0, to: count, by: 8) {
                withUnsafeBytes(of: generator.next()) { word in
                    buffer[index..<min(index + 8, count)].copyBytes(from: word.prefix(count - index))
                }
            }
        }
        return bytes
    }

    static func storage(_ folders: [String], spaceProbe: (@Sendable (String) throws -> DataFolderSpace)? = nil) throws -> BlockStorage {
        try BlockStorage(dataDirectories: folders, clock: ManualWallClock(), syncOnFinalize: false,
                         spaceProbe: spaceProbe ?? DataFolderSpace.probe)
    }

    /// Writes `bytes` as a finalized replica in pieces of random sizes up to `pieceSizeMax`.
    @discardableResult
    static func writeReplica(_ storage: BlockStorage, blockID: UInt64, generationStamp: UInt64 = 1, bytes: [UInt8],
                             pieceSizeMax: Int = 70_000, seed: UInt64 = 7) throws -> ExtendedBlock {
        let writer = try storage.createReplica(ExtendedBlock(blockID: blockID, generationStamp: generationStamp, lengthBytes: 0))
        var generator = SeededRandomGenerator(seed: seed)
        var position = 0
        try bytes.withUnsafeBytes { all in
            while position < all.count {
                let piece = min(Int.random(in: 1...pieceSizeMax, using: &generator), all.count - position)
                try writer.write(UnsafeRawBufferPointer(rebasing: all[position..<(position + piece)]))
                position += piece
            }
        }
        return try writer.finalize()
    }

    /// Flips every bit of the byte at `offset` of `path`.
    static func flipByte(at offset: Int, in path: String) throws {
        var contents = try LocalFileSystem().readAll(path)
        contents[offset] ^= 0xFF
        try LocalFileSystem().write(contents, to: path, overwrite: true)
    }

    static func finalizedBlockPath(_ storage: BlockStorage, blockID: UInt64) -> String {
        let folder = DataFolder(rootPath: storage.dataFolderPath(blockID: blockID)!)
        return folder.finalizedSubdirPath(blockID: blockID) + "/" + DataFolder.blockFileName(blockID: blockID)
    }
}

@Suite("Datanode block storage")
struct BlockStorageTests {
    @Test("replicas of every awkward size round-trip when written in random pieces")
    func roundTripRandomSizes() throws {
        let root = BlockStorageFixture.makeTemporaryFolder()
        defer { BlockStorageFixture.removeFolder(root) }
        let storage = try BlockStorageFixture.storage([root])
        let sizes = [0, 1, 511, 512, 513, 1024, 3 << 20, (5 << 20) + 17]
        for (index, size) in sizes.enumerated() {
            let bytes = BlockStorageFixture.bytes(count: size, seed: UInt64(index))
            let blockID = UInt64(1000 + index)
            for pieceSizeMax in [1, 700, 70_000] where size < 100_000 || pieceSizeMax == 70_000 {
                _ = try storage.deleteReplica(blockID: blockID)
                let block = try BlockStorageFixture.writeReplica(storage, blockID: blockID, bytes: bytes,
                                                                 pieceSizeMax: pieceSizeMax, seed: UInt64(size))
                #expect(block == ExtendedBlock(blockID: blockID, generationStamp: 1, lengthBytes: Int64(size)))
                let reader = try storage.openReplica(blockID: blockID)
                #expect(reader.lengthBytes == Int64(size))
                #expect(reader.metaLengthMatchesBlock)
                #expect(try reader.read(offset: 0, count: size) == bytes)
            }
            #expect(storage.replica(blockID: blockID) == ReportedReplica(
                block: ExtendedBlock(blockID: blockID, generationStamp: 1, lengthBytes: Int64(size)), isFinalized: true))
        }
        #expect(storage.replicas().count == sizes.count)
    }

    @Test("range reads at odd offsets and piece-by-piece reads return the right bytes")
    func rangeReadsAtOddOffsets() throws {
        let root = BlockStorageFixture.makeTemporaryFolder()
        defer { BlockStorageFixture.removeFolder(root) }
        let storage = try BlockStorageFixture.storage([root])
        let bytes = BlockStorageFixture.bytes(count: 1_300_003, seed: 42)
        try BlockStorageFixture.writeReplica(storage, blockID: 9, bytes: bytes)
        let reader = try storage.openReplica(blockID: 9)
        var generator = SeededRandomGenerator(seed: 99)
        var ranges: [(Int, Int)] = [(0, 0), (1, 1), (511, 2), (512, 512), (513, 511), (1_299_999, 4), (1_300_003, 0), (3, 1_300_000)]
        for _ in 0..<200 {
            let start = Int.random(in: 0...bytes.count, using: &generator)
            let count = Int.random(in: 0...min(bytes.count - start, 1_100_000), using: &generator)
            ranges.append((start, count))
        }
        for (start, count) in ranges {
            #expect(try reader.read(offset: Int64(start), count: count) == Array(bytes[start..<(start + count)]))
        }
        for (start, count, pieceSize) in [(777, 1_000_000, 1000), (0, bytes.count, 1 << 20), (1_299_000, 1003, 64)] {
            var cursor = try reader.pieces(offset: Int64(start), count: Int64(count), pieceSizeBytesMax: pieceSize)
            var collected: [UInt8] = []
            var pieceCount = 0
            while let piece = try cursor.next() {
                #expect(piece.count <= cursor.pieceSizeBytesMax)
                collected += piece
                pieceCount += 1
            }
            #expect(collected == Array(bytes[start..<(start + count)]))
            #expect(pieceCount >= count / cursor.pieceSizeBytesMax)
        }
        #expect(throws: BlockStoreError.self) { try reader.read(offset: 1_300_000, count: 4) }
        #expect(throws: BlockStoreError.self) { try reader.read(offset: -1, count: 1) }
    }

    @Test("a flipped byte fails reads covering its chunk with the offset named; other ranges still read")
    func corruptByteNamesOffset() throws {
        let root = BlockStorageFixture.makeTemporaryFolder()
        defer { BlockStorageFixture.removeFolder(root) }
        let storage = try BlockStorageFixture.storage([root])
        let bytes = BlockStorageFixture.bytes(count: 10_000, seed: 3)
        try BlockStorageFixture.writeReplica(storage, blockID: 77, bytes: bytes)
        try BlockStorageFixture.flipByte(at: 5000, in: BlockStorageFixture.finalizedBlockPath(storage, blockID: 77))
        let reader = try storage.openReplica(blockID: 77)
        for (start, count) in [(0, 10_000), (5000, 1), (4608, 512), (4000, 2000), (5119, 1)] {
            do {
                _ = try reader.read(offset: Int64(start), count: count)
                Issue.record("read of \(start)..<\(start + count) should fail")
            } catch let error as BlockStoreError {
                #expect(error.kind == .checksum)
                #expect(error.message == "Checksum error in blk_77 at byte offset 4608 on \(root)")
            }
        }
        #expect(try reader.read(offset: 0, count: 4608) == Array(bytes[0..<4608]))
        #expect(try reader.read(offset: 5120, count: 4880) == Array(bytes[5120...]))
        #expect(try reader.read(offset: 4607, count: 1) == [bytes[4607]])
    }

    @Test("a new storage over the same folders reports the same replicas and datanode UUID")
    func restartKeepsReplicasAndIdentity() throws {
        let roots = [BlockStorageFixture.makeTemporaryFolder(), BlockStorageFixture.makeTemporaryFolder()]
        defer { roots.forEach(BlockStorageFixture.removeFolder) }
        let first = try BlockStorageFixture.storage(roots)
        for blockID: UInt64 in [1, 2, 3, 64, 65] {
            try BlockStorageFixture.writeReplica(first, blockID: blockID, generationStamp: blockID + 100,
                                                 bytes: BlockStorageFixture.bytes(count: Int(blockID) * 1000, seed: blockID))
        }
        // A write still open stands for one cut off by a crash.
        let unfinished = try first.createReplica(ExtendedBlock(blockID: 500, generationStamp: 9, lengthBytes: 0))
        try unfinished.write(BlockStorageFixture.bytes(count: 1234, seed: 5))
        let reportBefore = first.replicas()

        let second = try BlockStorageFixture.storage(roots)
        #expect(second.datanodeUUID == first.datanodeUUID)
        #expect(second.datanodeUUID.count == 36)
        #expect(second.replicas().filter { $0.block.blockID != 500 } == reportBefore.filter { $0.block.blockID != 500 })
        #expect(second.replica(blockID: 500) == ReportedReplica(
            block: ExtendedBlock(blockID: 500, generationStamp: 9, lengthBytes: 1234), isFinalized: false))
        #expect(throws: BlockStoreError.self) { try second.openReplica(blockID: 500) }
        #expect(try second.openReplica(blockID: 65).read(offset: 0, count: 65_000) == BlockStorageFixture.bytes(count: 65_000, seed: 65))
        unfinished.abort()
        // A new write of the left-over block replaces it.
        try BlockStorageFixture.writeReplica(second, blockID: 500, generationStamp: 10, bytes: [1, 2, 3])
        #expect(second.replica(blockID: 500)?.isFinalized == true)
        #expect(try second.openReplica(blockID: 500).read(offset: 0, count: 3) == [1, 2, 3])
    }

    @Test("folders of equal free space take turns; otherwise the emptiest one wins")
    func twoFoldersBothUsed() throws {
        let roots = [BlockStorageFixture.makeTemporaryFolder(), BlockStorageFixture.makeTemporaryFolder()]
        defer { roots.forEach(BlockStorageFixture.removeFolder) }
        let storage = try BlockStorageFixture.storage(roots)
        for blockID: UInt64 in 1...4 {
            try BlockStorageFixture.writeReplica(storage, blockID: blockID, bytes: [UInt8](repeating: 1, count: 100))
        }
        let used = Set((1...4).compactMap { storage.dataFolderPath(blockID: UInt64($0)) })
        #expect(used == Set(roots))

        let lopsided = [BlockStorageFixture.makeTemporaryFolder(), BlockStorageFixture.makeTemporaryFolder()]
        defer { lopsided.forEach(BlockStorageFixture.removeFolder) }
        let roomy = lopsided[1]
        let skewed = try BlockStorageFixture.storage(lopsided) { path in
            DataFolderSpace(capacityBytes: 1 << 40, availableBytes: path == roomy ? 500 << 30 : 20 << 30)
        }
        for blockID: UInt64 in 1...4 {
            try BlockStorageFixture.writeReplica(skewed, blockID: blockID, bytes: [2])
            #expect(skewed.dataFolderPath(blockID: blockID) == roomy)
        }
        let capacity = skewed.capacity()
        #expect(capacity.capacityBytes == 2 << 40)
        #expect(capacity.remainingBytes == (500 << 30) + (20 << 30))
        #expect(capacity.usedBytes == 4 * (1 + 7 + 4))
    }

    @Test("same or older generation stamps are refused; a newer one replaces the replica at finalization")
    func generationStamps() throws {
        let root = BlockStorageFixture.makeTemporaryFolder()
        defer { BlockStorageFixture.removeFolder(root) }
        let storage = try BlockStorageFixture.storage([root])
        try BlockStorageFixture.writeReplica(storage, blockID: 12, generationStamp: 5, bytes: [1, 1, 1])
        for stamp: UInt64 in [4, 5] {
            #expect(throws: BlockStoreError(.fileAlreadyExists,
                                            "Block blk_12_5 already exists in state FINALIZED and thus cannot be created.")) {
                _ = try storage.createReplica(ExtendedBlock(blockID: 12, generationStamp: stamp, lengthBytes: 0))
            }
        }
        let writer = try storage.createReplica(ExtendedBlock(blockID: 12, generationStamp: 6, lengthBytes: 0))
        #expect(throws: BlockStoreError.self) {
            _ = try storage.createReplica(ExtendedBlock(blockID: 12, generationStamp: 7, lengthBytes: 0))
        }
        try writer.write([2, 2])
        let oldReader = try storage.openReplica(blockID: 12)
        #expect(oldReader.generationStamp == 5)
        #expect(try writer.finalize() == ExtendedBlock(blockID: 12, generationStamp: 6, lengthBytes: 2))
        #expect(try oldReader.read(offset: 0, count: 3) == [1, 1, 1])
        #expect(try storage.openReplica(blockID: 12).read(offset: 0, count: 2) == [2, 2])
        let subdir = DataFolder(rootPath: root).finalizedSubdirPath(blockID: 12)
        #expect(try LocalFileSystem().list(subdir).map(\.name) == ["blk_12", "blk_12_6.meta"])
    }

    @Test("abort and delete remove the files; a replica deleted while written cannot be finalized")
    func abortAndDelete() throws {
        let root = BlockStorageFixture.makeTemporaryFolder()
        defer { BlockStorageFixture.removeFolder(root) }
        let storage = try BlockStorageFixture.storage([root])
        let folder = DataFolder(rootPath: root)
        let aborted = try storage.createReplica(ExtendedBlock(blockID: 3, generationStamp: 1, lengthBytes: 0))
        try aborted.write([1, 2, 3])
        #expect(try LocalFileSystem().list(folder.rbwPath).count == 2)
        #expect(storage.replica(blockID: 3)?.isFinalized == false)
        aborted.abort()
        #expect(try LocalFileSystem().list(folder.rbwPath).isEmpty)
        #expect(storage.replica(blockID: 3) == nil)

        let deletedMidway = try storage.createReplica(ExtendedBlock(blockID: 4, generationStamp: 1, lengthBytes: 0))
        try deletedMidway.write([9])
        #expect(try storage.deleteReplica(blockID: 4))
        #expect(throws: SluiceError.self) { try deletedMidway.finalize() }
        #expect(try LocalFileSystem().list(folder.rbwPath).isEmpty)

        try BlockStorageFixture.writeReplica(storage, blockID: 5, bytes: [5])
        #expect(try storage.deleteReplica(blockID: 5))
        #expect(try !storage.deleteReplica(blockID: 5))
        #expect(try LocalFileSystem().list(folder.finalizedSubdirPath(blockID: 5)).isEmpty)
        #expect(throws: BlockStoreError(.fileNotFound, "Replica not found for blk_5")) { try storage.openReplica(blockID: 5) }
        #expect(storage.replicas().isEmpty)
    }

    @Test("replica paths come from numbers only; other names in the folders are ignored")
    func noPathTraversal() throws {
        let root = BlockStorageFixture.makeTemporaryFolder()
        defer { BlockStorageFixture.removeFolder(root) }
        let folder = DataFolder(rootPath: root + "/")
        for blockID: UInt64 in [0, 1, 63, 64, UInt64.max] {
            let paths = folder.replicaPaths(blockID: blockID, generationStamp: UInt64.max, isFinalized: true)
            let prefix = root + "/current/finalized/" + DataFolder.subdirName(blockID: blockID) + "/blk_"
            #expect(paths.block == prefix + "\(blockID)")
            #expect(paths.meta == prefix + "\(blockID)_\(UInt64.max).meta")
            #expect(!paths.block.dropFirst(root.count).contains(".."))
        }
        #expect(DataFolder.subdirName(blockID: UInt64.max) == "subdir3f")
        #expect(DataFolder.subdirName(blockID: 10) == "subdir0a")
        for name in ["blk_../../etc/passwd", "blk_007", "blk_+7", "blk_7_x.meta", "blk_7_8_9.meta", "blk_", "blk_18446744073709551616"] {
            #expect(ReplicaFileName(name) == nil)
        }
        #expect(ReplicaFileName("blk_7_8.meta") == .meta(blockID: 7, generationStamp: 8))

        // Decoys in the replica folders neither show up nor get removed at start-up.
        let storage = try BlockStorageFixture.storage([root])
        let subdir = folder.finalizedSubdirPath(blockID: 7)
        for decoy in ["blk_007", "blk_7_x.meta", "notes.txt"] {
            try LocalFileSystem().write([1], to: subdir + "/" + decoy, overwrite: true)
        }
        try LocalFileSystem().write([1], to: folder.finalizedSubdirPath(blockID: 8) + "/blk_7", overwrite: true)
        _ = storage
        let restarted = try BlockStorageFixture.storage([root])
        #expect(restarted.replicas().isEmpty)
        #expect(try LocalFileSystem().list(subdir).count == 3)
    }

    @Test("orphaned block or meta files are removed at start-up")
    func orphansRemoved() throws {
        let root = BlockStorageFixture.makeTemporaryFolder()
        defer { BlockStorageFixture.removeFolder(root) }
        let storage = try BlockStorageFixture.storage([root])
        try BlockStorageFixture.writeReplica(storage, blockID: 1, bytes: [1])
        try BlockStorageFixture.writeReplica(storage, blockID: 2, bytes: [2])
        let folder = DataFolder(rootPath: root)
        try BlockFileHandle.remove(folder.replicaPaths(blockID: 1, generationStamp: 1, isFinalized: true).meta)
        try LocalFileSystem().write([0], to: folder.replicaPaths(blockID: 3, generationStamp: 1, isFinalized: false).meta)
        let restarted = try BlockStorageFixture.storage([root])
        #expect(restarted.replicas().map(\.block.blockID) == [2])
        #expect(try LocalFileSystem().list(folder.finalizedSubdirPath(blockID: 1)).isEmpty)
        #expect(try LocalFileSystem().list(folder.rbwPath).isEmpty)
    }

    @Test("many writers and readers of different blocks at once")
    func concurrentWritersAndReaders() throws {
        let roots = [BlockStorageFixture.makeTemporaryFolder(), BlockStorageFixture.makeTemporaryFolder()]
        defer { roots.forEach(BlockStorageFixture.removeFolder) }
        let storage = try BlockStorageFixture.storage(roots)
        let failures = Mutex()
        nonisolated(unsafe) var failureCount = 0
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            do {
                let bytes = BlockStorageFixture.bytes(count: 100_000 + index * 37, seed: UInt64(index))
                try BlockStorageFixture.writeReplica(storage, blockID: UInt64(index), bytes: bytes, pieceSizeMax: 9000)
                let back = try storage.openReplica(blockID: UInt64(index)).read(offset: 0, count: bytes.count)
                if back != bytes { failures.withLock { failureCount += 1 } }
            } catch {
                failures.withLock { failureCount += 1 }
            }
        }
        #expect(failures.withLock { failureCount } == 0)
        #expect(storage.replicas().count == 16)
    }
}
