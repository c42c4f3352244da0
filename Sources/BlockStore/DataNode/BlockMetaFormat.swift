/// The layout of a replica's `blk_<id>_<genstamp>.meta` file, as HDFS writes it: a 7-byte header
/// (2-byte big-endian version 1, 1-byte checksum type 2 = CRC32C, 4-byte big-endian bytes per
/// checksum 512), then one big-endian CRC32C per 512-byte chunk of the block file; the last chunk
/// may be short.
enum BlockMetaFormat {
    static let version: UInt16 = 1
    static let checksumTypeCRC32C: UInt8 = 2
    static let bytesPerChecksum = 512
    static let headerLengthBytes = 7
    static let checksumLengthBytes = 4

    /// The header every meta file starts with.
    static let header: [UInt8] = {
        let chunk = UInt32(bytesPerChecksum)
        return [
            UInt8(version >> 8), UInt8(version & 0xFF), checksumTypeCRC32C,
            UInt8(chunk >> 24), UInt8((chunk >> 16) & 0xFF), UInt8((chunk >> 8) & 0xFF), UInt8(chunk & 0xFF),
        ]
    }()

    /// How many checksums cover a block of `blockLengthBytes` (a short last chunk has one too).
    static func chunkCount(blockLengthBytes: Int64) -> Int64 {
        (blockLengthBytes + Int64(bytesPerChecksum) - 1) / Int64(bytesPerChecksum)
    }

    /// The exact size of the meta file of a block of `blockLengthBytes`.
    static func metaLengthBytes(blockLengthBytes: Int64) -> Int64 {
        Int64(headerLengthBytes) + chunkCount(blockLengthBytes: blockLengthBytes) * Int64(checksumLengthBytes)
    }

    /// Where the checksum of chunk `chunkIndex` starts in the meta file.
    static func checksumOffset(chunkIndex: Int64) -> Int64 {
        Int64(headerLengthBytes) + chunkIndex * Int64(checksumLengthBytes)
    }

    /// Stores `crc` big-endian at `offset` of `buffer`.
    @inline(__always)
    static func storeChecksum(_ crc: UInt32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) {
        buffer.storeBytes(of: crc.bigEndian, toByteOffset: offset, as: UInt32.self)
    }

    /// Loads the big-endian checksum at `offset` of `buffer`.
    @inline(__always)
    static func loadChecksum(from buffer: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        UInt32(bigEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
}
