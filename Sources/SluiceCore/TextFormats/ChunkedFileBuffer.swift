/// A window over a file that text readers scan front to back: the bytes not yet consumed plus
/// the next chunk read from the file. Memory stays near one chunk plus the longest record, not
/// the file size.
///
/// Value type; a reader owns one and is its only user.
struct ChunkedFileBuffer: Sendable {
    let file: any ReadableFile
    let chunkSizeBytes: Int
    /// Buffered bytes; `bytes[position...]` are not consumed yet.
    private(set) var bytes: [UInt8] = []
    /// The first unconsumed byte in `bytes`; the scanner advances it.
    var position = 0
    /// The file offset of `bytes[0]`.
    private(set) var bytesFileOffset = 0
    private var nextReadOffset = 0
    private let fileSizeBytes: Int

    init(file: any ReadableFile, chunkSizeBytes: Int) {
        precondition(chunkSizeBytes > 0, "chunk size must be positive")
        self.file = file
        self.chunkSizeBytes = chunkSizeBytes
        self.fileSizeBytes = file.sizeBytes
    }

    /// Whether every byte of the file is in the buffer (or consumed).
    var hasReadWholeFile: Bool { nextReadOffset >= fileSizeBytes }

    /// Whether nothing is left to scan.
    var isExhausted: Bool { hasReadWholeFile && position >= bytes.count }

    /// The file offset of `position`.
    var positionFileOffset: Int { bytesFileOffset + position }

    /// Drops the consumed bytes and appends the next chunk of the file.
    ///
    /// Reads at least as many bytes as are already buffered, so a record longer than a chunk is
    /// rescanned a logarithmic number of times rather than once per chunk.
    /// - Returns: false when the whole file was already read.
    mutating func readMore() throws -> Bool {
        guard !hasReadWholeFile else { return false }
        if position > 0 {
            bytes.removeSubrange(0..<position)
            bytesFileOffset += position
            position = 0
        }
        let count = min(max(chunkSizeBytes, bytes.count), fileSizeBytes - nextReadOffset)
        let chunk = try file.read(offset: nextReadOffset, count: count)
        bytes.append(contentsOf: chunk)
        nextReadOffset += count
        return true
    }

    /// Closes the file. A close error is ignored: the file was only read, so nothing is lost.
    func closeFile() {
        try? file.close()
    }

    /// Starts over at a file offset, dropping everything buffered.
    mutating func seek(toFileOffset offset: Int) {
        bytes.removeAll(keepingCapacity: true)
        position = 0
        bytesFileOffset = offset
        nextReadOffset = offset
    }
}
