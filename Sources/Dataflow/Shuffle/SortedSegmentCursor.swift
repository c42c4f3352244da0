import SluiceCore

/// The reading state of one sorted segment, behind `SortedSegmentSource`: a value type, so the
/// merge keeps its cursors in an array and moves them without reference counting or dynamic
/// exclusivity checks. The buffer and descriptor are owned by a `SortedSegmentStorage`, which
/// frees them when the last copy of the cursor is gone; only one copy may be read from.
@usableFromInline
struct SortedSegmentCursor {
    /// Frees the buffer and closes the descriptor.
    @usableFromInline var owner: SortedSegmentStorage
    /// How many records the segment holds.
    @usableFromInline let recordCount: Int

    /// The file, or the name given to bytes in memory, for errors.
    @usableFromInline let name: String
    /// -1 for bytes in memory, and once a file has been read to its end.
    @usableFromInline var descriptor: Int32
    /// Where the segment starts: its header's first byte in the file (0 in memory).
    @usableFromInline let segmentByteOffset: Int
    @usableFromInline let expectedChecksum: UInt32

    /// Loaded payload bytes; `storage[0..<filledByteCount]` are valid.
    @usableFromInline var storage: UnsafeMutableRawBufferPointer
    @usableFromInline var filledByteCount: Int
    /// The payload offset of `storage`'s first byte.
    @usableFromInline var storagePayloadOffset = 0
    @usableFromInline var payloadBytesNotLoaded: Int
    @usableFromInline var loadedChecksum: UInt32 = 0
    @usableFromInline let chunkByteCount: Int

    /// Where the next record starts in `storage`.
    @usableFromInline var position = 0
    @usableFromInline var recordsStarted = 0
    // The current record: its key is `storage[keyStart..<keyStart + keyByteCount]`; its value
    // starts at `position` while `valueIsPending`.
    @usableFromInline var recordStart = 0
    @usableFromInline var keyStart = 0
    @usableFromInline var keyByteCount = 0
    @usableFromInline var valueIsPending = false
    @usableFromInline var isFinished = false

    /// A segment held in memory (for example fetched whole by a reducer); its checksum is checked
    /// here.
    ///
    /// - Parameters:
    ///   - bytes: exactly one segment, header included.
    ///   - name: what errors call these bytes (for example the map task they came from).
    /// - Throws: `SluiceError.data` when the header is invalid, the bytes are shorter or longer
    ///   than the header says, or the checksum differs.
    @usableFromInline
    init(bytes: [UInt8], name: String) throws(SluiceError) {
        self.name = name
        descriptor = -1
        segmentByteOffset = 0
        chunkByteCount = 0
        let parsed = bytes.withUnsafeBytes { raw -> Result<(SortedSegmentHeader, UnsafeMutableRawBufferPointer), SluiceError> in
            do throws(SluiceError) {
                let header = try SortedSegmentHeader.parse(raw, at: SourceLocation(file: name, byteOffset: 0))
                let payloadEnd = SortedSegmentFormat.headerByteCount + header.payloadByteCount
                guard raw.count == payloadEnd else {
                    throw SluiceError.data(raw.count < payloadEnd
                                           ? "truncated sorted segment: \(raw.count) of \(payloadEnd) bytes"
                                           : "\(raw.count - payloadEnd) bytes after the sorted segment",
                                           at: SourceLocation(file: name, byteOffset: Swift.min(raw.count, payloadEnd)))
                }
                let payload = UnsafeRawBufferPointer(rebasing: raw[SortedSegmentFormat.headerByteCount...])
                let checksum = CRC32C.checksum(payload)
                guard checksum == header.payloadChecksum else {
                    throw SluiceError.data("sorted segment checksum mismatch (stored \(header.payloadChecksum), computed \(checksum))",
                                           at: SourceLocation(file: name, byteOffset: 0))
                }
                let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: Swift.max(payload.count, 1), alignment: 16)
                if payload.count > 0 { copy.copyMemory(from: payload) }
                return .success((header, copy))
            } catch {
                return .failure(error)
            }
        }
        let (header, payload) = try parsed.get()
        recordCount = header.recordCount
        expectedChecksum = header.payloadChecksum
        storage = payload
        owner = SortedSegmentStorage(storage: payload, descriptor: -1)
        filledByteCount = header.payloadByteCount
        payloadBytesNotLoaded = 0
        loadedChecksum = header.payloadChecksum
    }

    /// A segment stored at `byteRange` of the file at `path`.
    ///
    /// - Parameters:
    ///   - path: a map output or spill file.
    ///   - byteRange: the segment's bytes, header included (`SortedMapOutput.partitionByteRanges`).
    ///   - chunkByteCount: how much is read at a time.
    /// - Throws: `SluiceError.io` when the file cannot be opened or read; `SluiceError.data` naming
    ///   the file and byte offset when the header is invalid, disagrees with `byteRange`, or the
    ///   file ends early.
    @usableFromInline
    init(path: String, byteRange: Range<Int>, chunkByteCount: Int) throws(SluiceError) {
        precondition(byteRange.lowerBound >= 0 && chunkByteCount > 0, "invalid segment byte range or chunk size")
        name = path
        segmentByteOffset = byteRange.lowerBound
        self.chunkByteCount = chunkByteCount
        let opened = try ShuffleFileIO.openForReading(path)
        var headerBytes = (UInt64(0), UInt64(0), UInt32(0))
        let header: SortedSegmentHeader
        do throws(SluiceError) {
            let location = SourceLocation(file: path, byteOffset: byteRange.lowerBound)
            header = try withUnsafeMutableBytes(of: &headerBytes) { raw throws(SluiceError) in
                let wanted = UnsafeMutableRawBufferPointer(rebasing: raw[0..<SortedSegmentFormat.headerByteCount])
                let readByteCount = try ShuffleFileIO.readFully(opened, into: wanted, atFileOffset: byteRange.lowerBound, path: path)
                return try SortedSegmentHeader.parse(UnsafeRawBufferPointer(rebasing: wanted[0..<readByteCount]), at: location)
            }
            guard SortedSegmentFormat.headerByteCount + header.payloadByteCount == byteRange.count else {
                throw SluiceError.data("sorted segment of \(SortedSegmentFormat.headerByteCount + header.payloadByteCount) bytes "
                                       + "does not fill its byte range of \(byteRange.count) bytes", at: location)
            }
        } catch {
            ShuffleFileIO.closeQuietly(opened)
            throw error
        }
        descriptor = opened
        recordCount = header.recordCount
        expectedChecksum = header.payloadChecksum
        storage = .allocate(byteCount: Swift.min(chunkByteCount, Swift.max(header.payloadByteCount, 1)), alignment: 16)
        owner = SortedSegmentStorage(storage: storage, descriptor: opened)
        filledByteCount = 0
        payloadBytesNotLoaded = header.payloadByteCount
    }

    /// Moves to the next record and reads its key; the value must be consumed before the next
    /// call. Returns false after the last record, when the checksum has been checked.
    @inlinable
    mutating func advance() throws(SluiceError) -> Bool {
        precondition(!valueIsPending, "the current record's value was not consumed")
        guard recordsStarted < recordCount else {
            try finish()
            return false
        }
        while true {
            let start = position
            var reader = RecordReader(UnsafeRawBufferPointer(start: storage.baseAddress! + start, count: filledByteCount - start))
            do throws(SluiceError) {
                let count = try reader.readByteCount()
                recordStart = start
                keyStart = start + reader.byteOffset
                keyByteCount = count
                position = keyStart + count
                valueIsPending = true
                recordsStarted += 1
                return true
            } catch {
                recordStart = start
                guard payloadBytesNotLoaded > 0 else { throw try failure(error, atStoragePosition: start) }
                try loadMore()
            }
        }
    }

    /// The current record's key bytes; valid until the value is consumed.
    @inlinable
    var keyBytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage.baseAddress! + keyStart, count: keyByteCount)
    }

    /// Decodes the current record's key.
    @inlinable
    mutating func decodeKey<Key: ShuffleCodable>(_ type: Key.Type) throws(SluiceError) -> Key {
        var reader = RecordReader(keyBytes)
        do throws(SluiceError) {
            let key = try Key.decode(from: &reader)
            guard reader.isAtEnd else {
                throw SluiceError.data("\(reader.remainingByteCount) bytes left after the key", at: SourceLocation(byteOffset: reader.byteOffset))
            }
            return key
        } catch {
            throw try failure(error, atStoragePosition: keyStart)
        }
    }

    /// Decodes the current record's value and moves past it.
    @inlinable
    mutating func consumeValue<Value: ShuffleCodable>(_ type: Value.Type) throws(SluiceError) -> Value {
        var value: Value?
        _ = try consumeValueDecoding { reader throws(SluiceError) in value = try Value.decode(from: &reader) }
        return value!
    }

    /// Moves past the current record's value and returns its encoded bytes, valid until the next
    /// `advance()`.
    @inlinable
    mutating func consumeValueBytes<Value: ShuffleCodable>(_ type: Value.Type) throws(SluiceError) -> UnsafeRawBufferPointer {
        let end = try consumeValueDecoding { reader throws(SluiceError) in _ = try Value.decode(from: &reader) }
        return UnsafeRawBufferPointer(start: storage.baseAddress! + (end.lowerBound), count: end.count)
    }

    /// Runs `decode` on the value's bytes, loading more of the file while the value runs past the
    /// loaded bytes; returns the value's range in `storage`.
    @inlinable
    mutating func consumeValueDecoding(_ decode: (inout RecordReader) throws(SluiceError) -> Void) throws(SluiceError) -> Range<Int> {
        precondition(valueIsPending, "no record is current")
        while true {
            let start = position
            var reader = RecordReader(UnsafeRawBufferPointer(start: storage.baseAddress! + start, count: filledByteCount - start))
            do throws(SluiceError) {
                try decode(&reader)
                position = start + reader.byteOffset
                valueIsPending = false
                return start..<position
            } catch {
                // A value cut off by the end of the loaded bytes fails like a corrupt one, so more
                // is loaded until the segment ends; corruption is then reported by the checksum.
                guard payloadBytesNotLoaded > 0 else { throw try failure(error, atStoragePosition: start) }
                try loadMore()
            }
        }
    }
}
