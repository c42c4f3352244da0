import SluiceCore

/// Writes sorted segments one after another into a new file, through a buffer of about
/// `flushThresholdBytes`, checksumming each payload as it goes.
///
/// Owned by one task. The caller appends records already in key-byte order; the writer does not
/// check the order (the sorter and the merger produce it). The file is closed by `close()`; a
/// writer dropped without it closes the descriptor and removes the incomplete file.
@usableFromInline
struct SortedSegmentFileWriter: ~Copyable {
    @usableFromInline let path: String
    @usableFromInline var descriptor: Int32
    @usableFromInline var buffer: RecordWriter
    @usableFromInline let flushThresholdBytes: Int
    /// Where `buffer`'s first byte goes in the file.
    @usableFromInline var bufferFileOffset = 0

    // The open segment, if any.
    @usableFromInline var segmentStartFileOffset = 0
    @usableFromInline var segmentRecordCount = 0
    @usableFromInline var segmentChecksum: UInt32 = 0
    /// The first byte of `buffer` not yet in `segmentChecksum`.
    @usableFromInline var checksumStartInBuffer = 0
    @usableFromInline var segmentIsOpen = false

    /// Creates the file, which must not exist yet.
    ///
    /// - Throws: `SluiceError.io` naming the path.
    @usableFromInline
    init(creating path: String, exclusive: Bool, flushThresholdBytes: Int = 1 << 20) throws(SluiceError) {
        self.path = path
        descriptor = try ShuffleFileIO.create(path, exclusive: exclusive)
        self.flushThresholdBytes = flushThresholdBytes
        buffer = RecordWriter(capacityBytes: flushThresholdBytes + 4096)
    }

    // Inlinable because specialized callers in other modules destroy the writer inline; the
    // optimizer rejects inlining a non-inlinable deinit into them.
    @inlinable
    deinit {
        if descriptor >= 0 {
            ShuffleFileIO.closeQuietly(descriptor)
            ShuffleFileIO.removeIfPresent(path)
        }
    }

    /// The file size so far, buffered bytes included.
    @inlinable
    var byteCount: Int { bufferFileOffset + buffer.byteCount }

    /// Starts a segment at the current end of the file, with a placeholder header.
    @inlinable
    mutating func beginSegment() {
        precondition(!segmentIsOpen, "a sorted segment is already open")
        segmentIsOpen = true
        segmentStartFileOffset = byteCount
        segmentRecordCount = 0
        segmentChecksum = 0
        for _ in 0..<(SortedSegmentFormat.headerByteCount / 4) { buffer.writeLittleEndian(UInt32(0)) }
        checksumStartInBuffer = buffer.byteCount
    }

    /// Appends one record from its key bytes and already encoded value bytes.
    @inlinable
    mutating func appendRecord(keyBytes: UnsafeRawBufferPointer, valueBytes: UnsafeRawBufferPointer) throws(SluiceError) {
        buffer.writeVarUInt(UInt64(keyBytes.count))
        buffer.writeBytes(keyBytes)
        buffer.writeBytes(valueBytes)
        segmentRecordCount += 1
        if buffer.byteCount >= flushThresholdBytes { try flush() }
    }

    /// Appends one record from its key bytes and a value to encode.
    @inlinable
    mutating func appendRecord<Value: ShuffleCodable>(keyBytes: UnsafeRawBufferPointer, value: Value) throws(SluiceError) {
        buffer.writeVarUInt(UInt64(keyBytes.count))
        buffer.writeBytes(keyBytes)
        value.encode(into: &buffer)
        segmentRecordCount += 1
        if buffer.byteCount >= flushThresholdBytes { try flush() }
    }

    /// Fills in the open segment's header and returns the segment's byte range in the file and
    /// its record count.
    @inlinable
    mutating func endSegment() throws(SluiceError) -> (byteRange: Range<Int>, recordCount: Int) {
        precondition(segmentIsOpen, "no sorted segment is open")
        checksumBuffered()
        segmentIsOpen = false
        let payloadStart = segmentStartFileOffset + SortedSegmentFormat.headerByteCount
        let header = SortedSegmentHeader(recordCount: segmentRecordCount, payloadByteCount: byteCount - payloadStart,
                                         payloadChecksum: segmentChecksum)
        if segmentStartFileOffset >= bufferFileOffset {
            let headerStartInBuffer = segmentStartFileOffset - bufferFileOffset
            buffer.overwriteLittleEndian(UInt64(header.recordCount), atByteOffset: headerStartInBuffer)
            buffer.overwriteLittleEndian(UInt64(header.payloadByteCount), atByteOffset: headerStartInBuffer + 8)
            buffer.overwriteLittleEndian(header.payloadChecksum, atByteOffset: headerStartInBuffer + 16)
        } else {
            // The header was flushed with the first payload bytes: write it in place.
            var headerBytes = (UInt64(0), UInt64(0), UInt32(0))
            try withUnsafeMutableBytes(of: &headerBytes) { raw throws(SluiceError) in
                header.store(to: raw.baseAddress!)
                try ShuffleFileIO.writeFully(descriptor, UnsafeRawBufferPointer(rebasing: raw[0..<SortedSegmentFormat.headerByteCount]),
                                             atFileOffset: segmentStartFileOffset, path: path)
            }
        }
        return (segmentStartFileOffset..<byteCount, segmentRecordCount)
    }

    /// Adds the buffered payload bytes not yet checksummed to the open segment's checksum.
    @inlinable
    mutating func checksumBuffered() {
        guard segmentIsOpen else { return }
        let start = checksumStartInBuffer
        segmentChecksum = buffer.withUnsafeBytes { bytes in
            CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[start...]), continuing: segmentChecksum)
        }
        checksumStartInBuffer = buffer.byteCount
    }

    /// Writes the buffered bytes to the file.
    @usableFromInline
    mutating func flush() throws(SluiceError) {
        checksumBuffered()
        let fileOffset = bufferFileOffset
        try buffer.withUnsafeBytes { bytes throws(SluiceError) in
            try ShuffleFileIO.writeFully(descriptor, bytes, atFileOffset: fileOffset, path: path)
        }
        bufferFileOffset += buffer.byteCount
        buffer.removeAll()
        checksumStartInBuffer = 0
    }

    /// Writes what is buffered and closes the file; returns the file's size.
    ///
    /// - Throws: `SluiceError.io` naming the path; the file is removed then.
    @usableFromInline
    mutating func close() throws(SluiceError) -> Int {
        precondition(!segmentIsOpen, "a sorted segment is still open")
        try flush()
        let closing = descriptor
        descriptor = -1
        do throws(SluiceError) {
            try ShuffleFileIO.closeAfterWriting(closing, path: path)
        } catch {
            ShuffleFileIO.removeIfPresent(path)
            throw error
        }
        return bufferFileOffset
    }
}
