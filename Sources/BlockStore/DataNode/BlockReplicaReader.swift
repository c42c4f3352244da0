import SluiceCore

/// Reads a finalized replica and verifies it: every 512-byte chunk a read touches is read whole
/// and checked against its CRC32C from the meta file before any of its bytes are handed out.
/// Whole chunks are read straight into the caller's buffer; only a chunk the range cuts through
/// goes through a small stack buffer.
///
/// Threading: all methods may run concurrently (positional reads, no shared cursor). The files
/// stay open until the reader is released, so a delete or replacement of the replica does not
/// disturb a read in progress.
public final class BlockReplicaReader: Sendable {
    /// The replica's block; `lengthBytes` is the block file's length when it was opened.
    public let block: ExtendedBlock
    /// The data folder holding the replica, named in checksum errors.
    public let dataFolderPath: String

    /// Whole chunks read and verified per `pread` of the block file (1 MiB of data).
    static let chunksPerBatch = 2048

    private let blockFile: BlockFileHandle
    private let metaFile: BlockFileHandle
    private let metaLengthBytes: Int64

    /// Opens the files and checks the meta header; the length comes from the block file itself.
    /// - Throws: `SluiceError` when a file cannot be opened (`.notFound` when it is gone);
    ///   `BlockStoreError(.checksum)` when the meta header is not version 1, CRC32C, 512 bytes.
    init(block: ExtendedBlock, blockPath: String, metaPath: String, dataFolderPath: String) throws {
        self.dataFolderPath = dataFolderPath
        let blockFile = try BlockFileHandle.openForReading(blockPath)
        let metaFile: BlockFileHandle
        do {
            metaFile = try BlockFileHandle.openForReading(metaPath)
        } catch {
            blockFile.close()
            throw error
        }
        self.blockFile = blockFile
        self.metaFile = metaFile
        do {
            let lengthBytes = try blockFile.sizeBytes()
            self.block = ExtendedBlock(blockID: block.blockID, generationStamp: block.generationStamp, lengthBytes: lengthBytes)
            self.metaLengthBytes = try metaFile.sizeBytes()
            var header = [UInt8](repeating: 0, count: BlockMetaFormat.headerLengthBytes)
            let headerBytes = try header.withUnsafeMutableBytes { try metaFile.read(into: $0, at: 0) }
            guard headerBytes == header.count, header == BlockMetaFormat.header else {
                throw BlockStoreError(.checksum, "Checksum error in blk_\(block.blockID) at byte offset 0 on \(dataFolderPath): "
                    + "the meta file header is not version 1, CRC32C, 512 bytes per checksum")
            }
        } catch {
            blockFile.close()
            metaFile.close()
            throw error
        }
    }

    deinit {
        blockFile.close()
        metaFile.close()
    }

    public var lengthBytes: Int64 { block.lengthBytes }
    public var generationStamp: UInt64 { block.generationStamp }

    /// Whether the meta file holds exactly one checksum per chunk of the block file.
    public var metaLengthMatchesBlock: Bool {
        metaLengthBytes == BlockMetaFormat.metaLengthBytes(blockLengthBytes: block.lengthBytes)
    }

    /// Fills `buffer` with the replica's bytes from `offset` on, verified.
    /// - Parameters:
    ///   - offset: where to start; `offset + buffer.count` must not pass the end of the block.
    ///   - buffer: receives exactly `buffer.count` bytes.
    /// - Throws: `BlockStoreError(.illegalArgument)` for a range outside the block;
    ///   `BlockStoreError(.checksum)` naming the byte offset of the first bad chunk (or of where
    ///   a file ends early); `SluiceError.io` when the disk fails.
    public func read(offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws {
        let count = Int64(buffer.count)
        guard offset >= 0, offset <= block.lengthBytes, count <= block.lengthBytes - offset else {
            throw BlockStoreError(.illegalArgument,
                                  "Offset \(offset) and length \(count) are out of range for \(block) of length \(block.lengthBytes)")
        }
        let chunkBytes = Int64(BlockMetaFormat.bytesPerChecksum)
        let end = offset + count
        var position = offset
        while position < end {
            let chunkStart = position - position % chunkBytes
            let chunkEnd = min(chunkStart + chunkBytes, block.lengthBytes)
            let destination = UnsafeMutableRawBufferPointer(rebasing: buffer[Int(position - offset)...])
            if position == chunkStart, end >= chunkEnd {
                // A run of whole chunks, read straight into the caller's buffer.
                let runEnd = min(end == block.lengthBytes ? end : end - end % chunkBytes,
                                 position + Int64(BlockReplicaReader.chunksPerBatch) * chunkBytes)
                try readVerified(from: position, into: UnsafeMutableRawBufferPointer(rebasing: destination[0..<Int(runEnd - position)]))
                position = runEnd
            } else {
                // A chunk the range cuts through: read it whole beside the caller's buffer.
                let piece = min(chunkEnd, end) - position
                try withUnsafeTemporaryAllocation(byteCount: BlockMetaFormat.bytesPerChecksum, alignment: 16) { scratch in
                    let chunk = UnsafeMutableRawBufferPointer(rebasing: scratch[0..<Int(chunkEnd - chunkStart)])
                    try readVerified(from: chunkStart, into: chunk)
                    destination.copyMemory(from: UnsafeRawBufferPointer(
                        rebasing: chunk[Int(position - chunkStart)..<Int(position - chunkStart + piece)]))
                }
                position += piece
            }
        }
    }

    /// The replica's bytes in `offset..<offset + count`, verified; see `read(offset:into:)`.
    public func read(offset: Int64, count: Int) throws -> [UInt8] {
        guard count >= 0 else {
            throw BlockStoreError(.illegalArgument, "Negative length \(count) for \(block)")
        }
        return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            try read(offset: offset, into: UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    /// A cursor that hands out `offset..<offset + count` in verified pieces of at most
    /// `pieceSizeBytesMax` bytes (rounded up to whole chunks), for sending as they come.
    /// - Throws: `BlockStoreError(.illegalArgument)` for a range outside the block or a piece
    ///   size below 1.
    public func pieces(offset: Int64, count: Int64, pieceSizeBytesMax: Int = 1 << 20) throws -> BlockReplicaPieceCursor {
        guard offset >= 0, count >= 0, offset <= block.lengthBytes, count <= block.lengthBytes - offset, pieceSizeBytesMax > 0 else {
            throw BlockStoreError(.illegalArgument,
                                  "Offset \(offset) and length \(count) are out of range for \(block) of length \(block.lengthBytes)")
        }
        return BlockReplicaPieceCursor(reader: self, offset: offset, count: count, pieceSizeBytesMax: pieceSizeBytesMax)
    }

    /// Reads whole chunks starting at the chunk boundary `start` into `buffer` (a whole number of
    /// chunks, or up to the end of the block) and verifies each against the meta file.
    private func readVerified(from start: Int64, into buffer: UnsafeMutableRawBufferPointer) throws {
        let chunkBytes = BlockMetaFormat.bytesPerChecksum
        let got = try blockFile.read(into: buffer, at: start)
        if got < buffer.count {
            throw checksumError(at: start + Int64(got), detail: "the block file ends early")
        }
        let chunkCount = (buffer.count + chunkBytes - 1) / chunkBytes
        let firstChunk = start / Int64(chunkBytes)
        let checksumBytes = chunkCount * BlockMetaFormat.checksumLengthBytes
        try withUnsafeTemporaryAllocation(byteCount: checksumBytes, alignment: 16) { checksums in
            let gotChecksums = try metaFile.read(into: checksums, at: BlockMetaFormat.checksumOffset(chunkIndex: firstChunk))
            let source = UnsafeRawBufferPointer(buffer)
            let expected = UnsafeRawBufferPointer(checksums)
            for chunk in 0..<chunkCount {
                let chunkStart = chunk * chunkBytes
                if (chunk + 1) * BlockMetaFormat.checksumLengthBytes > gotChecksums {
                    throw checksumError(at: start + Int64(chunkStart), detail: "the meta file ends early")
                }
                let actual = CRC32C.checksum(UnsafeRawBufferPointer(
                    rebasing: source[chunkStart..<min(chunkStart + chunkBytes, buffer.count)]))
                if actual != BlockMetaFormat.loadChecksum(from: expected, at: chunk * BlockMetaFormat.checksumLengthBytes) {
                    throw checksumError(at: start + Int64(chunkStart), detail: nil)
                }
            }
        }
    }

    func checksumError(at byteOffset: Int64, detail: String?) -> BlockStoreError {
        let message = "Checksum error in blk_\(block.blockID) at byte offset \(byteOffset) on \(dataFolderPath)"
        return BlockStoreError(.checksum, detail.map { message + ": " + $0 } ?? message)
    }
}
