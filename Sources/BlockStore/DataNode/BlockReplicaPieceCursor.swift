/// Hands out a verified byte range of a replica piece by piece, so a server can send each piece
/// while the next is read. Pieces after the first start on a piece-size boundary of the block,
/// so no chunk is read twice.
///
/// Threading: a value type; one task drives it. The reader it holds may be shared.
public struct BlockReplicaPieceCursor: Sendable {
    public let reader: BlockReplicaReader
    /// Where the next piece starts.
    public private(set) var position: Int64
    /// Where the range ends.
    public let end: Int64
    /// The largest piece, a whole number of 512-byte chunks.
    public let pieceSizeBytesMax: Int

    init(reader: BlockReplicaReader, offset: Int64, count: Int64, pieceSizeBytesMax: Int) {
        let chunkBytes = BlockMetaFormat.bytesPerChecksum
        self.reader = reader
        self.position = offset
        self.end = offset + count
        self.pieceSizeBytesMax = (pieceSizeBytesMax + chunkBytes - 1) / chunkBytes * chunkBytes
    }

    /// Bytes still to come.
    public var remainingBytes: Int64 { end - position }

    /// The length of the next piece: up to the next piece-size boundary, the end at the latest.
    private var nextPieceBytes: Int {
        let size = Int64(pieceSizeBytesMax)
        return Int(min(end, (position / size + 1) * size) - position)
    }

    /// The next piece, or nil when the range is done.
    /// - Throws: `BlockStoreError(.checksum)` naming the bad byte offset; `SluiceError.io`.
    public mutating func next() throws -> [UInt8]? {
        guard position < end else { return nil }
        let piece = try reader.read(offset: position, count: nextPieceBytes)
        position += Int64(piece.count)
        return piece
    }

    /// Reads the next piece into the front of `buffer` (at least `pieceSizeBytesMax` bytes).
    /// - Returns: the bytes read, 0 when the range is done.
    /// - Throws: as `next()`.
    public mutating func next(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard position < end else { return 0 }
        let count = min(nextPieceBytes, buffer.count)
        try reader.read(offset: position, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count]))
        position += Int64(count)
        return count
    }
}
