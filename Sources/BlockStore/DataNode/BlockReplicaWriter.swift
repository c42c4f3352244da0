import SluiceCore

/// Writes one new replica into `rbw/`: the bytes go straight from the caller's buffer to the block
/// file in one `write` call, and a CRC32C of every 512-byte chunk (computed from the same buffer,
/// a chunk split across calls carried over as a running CRC) goes to the meta file in batches.
/// `finalize()` moves the replica to `finalized/`; `abort()` removes it. A writer dropped without
/// either is aborted.
///
/// Threading: calls are serialized by an internal lock, so the writer may move between tasks;
/// interleaving `write` calls from several threads would interleave their bytes.
public final class BlockReplicaWriter: @unchecked Sendable {
    // Sendable: all mutable state is guarded by `lock`; the rest is immutable.

    /// The block being written (its `lengthBytes` is 0 until finalization).
    public let block: ExtendedBlock
    /// The data folder the replica is written to.
    public let dataFolderPath: String

    private enum State { case writing, finalized, aborted }

    private static let pendingChecksumCapacityBytes = 64 << 10

    private let storage: BlockStorage
    private let folderIndex: Int
    private let token: UInt64
    private let blockFile: BlockFileHandle
    private let metaFile: BlockFileHandle
    private let lock = Mutex()
    private var state = State.writing
    private var lengthBytes: Int64 = 0
    /// Big-endian checksums of whole chunks not yet written to the meta file.
    private let pendingChecksums: UnsafeMutableRawBufferPointer
    private var pendingChecksumBytes = 0
    /// The running CRC of the chunk the last `write` ended inside, and how much of it was seen.
    private var partialChunkCRC: UInt32 = 0
    private var partialChunkBytes = 0

    init(storage: BlockStorage, block: ExtendedBlock, folder: DataFolder, folderIndex: Int, token: UInt64) throws {
        self.storage = storage
        self.block = block
        self.dataFolderPath = folder.rootPath
        self.folderIndex = folderIndex
        self.token = token
        let paths = folder.replicaPaths(blockID: block.blockID, generationStamp: block.generationStamp, isFinalized: false)
        blockFile = try BlockFileHandle.create(paths.block)
        do {
            metaFile = try BlockFileHandle.create(paths.meta)
        } catch {
            blockFile.close()
            throw error
        }
        pendingChecksums = .allocate(byteCount: BlockReplicaWriter.pendingChecksumCapacityBytes, alignment: 8)
        do {
            try BlockMetaFormat.header.withUnsafeBytes { try metaFile.writeAll($0) }
        } catch {
            // The deinit runs for a fully initialized object whose init throws; it must not abort.
            state = .aborted
            closeFiles()
            throw error
        }
    }

    deinit {
        let unfinished = lock.withLock { state == .writing }
        if unfinished { abort() }
        pendingChecksums.deallocate()
    }

    /// Bytes appended so far.
    public var bytesWritten: Int64 { lock.withLock { lengthBytes } }

    /// Appends `bytes` to the replica.
    /// - Throws: `SluiceError.io` when the disk fails (the replica should then be aborted);
    ///   `SluiceError.internal` after `finalize()` or `abort()`.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try lock.withLock {
            guard state == .writing else { throw SluiceError.internal("write to \(block) after it was finished") }
            try blockFile.writeAll(bytes)
            try appendChecksums(of: bytes)
            lengthBytes += Int64(bytes.count)
        }
    }

    /// Appends `bytes` to the replica; see `write(_:)` taking a buffer pointer.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Completes the replica: writes the last checksums, flushes to the disk when the storage
    /// syncs on finalize, and moves both files to `finalized/`.
    /// - Returns: the block with its final length.
    /// - Throws: `SluiceError.io` when the disk fails or the replica was deleted meanwhile (the
    ///   `rbw/` files are then removed); `SluiceError.internal` when already finished.
    @discardableResult
    public func finalize() throws -> ExtendedBlock {
        let finished: ExtendedBlock = try lock.withLock {
            guard state == .writing else { throw SluiceError.internal("finalize of \(block) after it was finished") }
            do {
                if partialChunkBytes > 0 {
                    try appendChecksum(partialChunkCRC)
                    partialChunkBytes = 0
                }
                try flushChecksums()
                if storage.syncOnFinalize {
                    try blockFile.sync()
                    try metaFile.sync()
                }
            } catch {
                state = .aborted
                closeFiles()
                storage.abandonWrite(blockID: block.blockID, token: token)
                throw error
            }
            state = .finalized
            closeFiles()
            return ExtendedBlock(blockID: block.blockID, generationStamp: block.generationStamp, lengthBytes: lengthBytes)
        }
        do {
            try storage.finishWrite(block: finished, folderIndex: folderIndex, token: token)
        } catch {
            storage.abandonWrite(blockID: block.blockID, token: token)
            throw error
        }
        return finished
    }

    /// Gives the replica up and removes its files. Does nothing after `finalize()` or a first `abort()`.
    public func abort() {
        let wasWriting: Bool = lock.withLock {
            guard state == .writing else { return false }
            state = .aborted
            closeFiles()
            return true
        }
        if wasWriting { storage.abandonWrite(blockID: block.blockID, token: token) }
    }

    // MARK: - Checksums (called under `lock`)

    private func appendChecksums(of bytes: UnsafeRawBufferPointer) throws {
        let chunkBytes = BlockMetaFormat.bytesPerChecksum
        var position = 0
        if partialChunkBytes > 0 {
            let take = min(chunkBytes - partialChunkBytes, bytes.count)
            partialChunkCRC = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<take]), continuing: partialChunkCRC)
            partialChunkBytes += take
            position = take
            if partialChunkBytes == chunkBytes {
                try appendChecksum(partialChunkCRC)
                partialChunkBytes = 0
                partialChunkCRC = 0
            }
        }
        while bytes.count - position >= chunkBytes {
            try appendChecksum(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[position..<(position + chunkBytes)])))
            position += chunkBytes
        }
        if position < bytes.count {
            partialChunkCRC = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[position...]))
            partialChunkBytes = bytes.count - position
        }
    }

    @inline(__always)
    private func appendChecksum(_ crc: UInt32) throws {
        if pendingChecksumBytes == pendingChecksums.count { try flushChecksums() }
        BlockMetaFormat.storeChecksum(crc, into: pendingChecksums, at: pendingChecksumBytes)
        pendingChecksumBytes += BlockMetaFormat.checksumLengthBytes
    }

    private func flushChecksums() throws {
        guard pendingChecksumBytes > 0 else { return }
        try metaFile.writeAll(UnsafeRawBufferPointer(rebasing: pendingChecksums[0..<pendingChecksumBytes]))
        pendingChecksumBytes = 0
    }

    private func closeFiles() {
        blockFile.close()
        metaFile.close()
    }
}
