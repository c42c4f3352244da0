#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

extension SortedSegmentCursor {
    /// Where `storage[storagePosition]` is in the file (or in the in-memory segment).
    @usableFromInline
    func segmentFileOffset(ofStoragePosition storagePosition: Int) -> Int {
        segmentByteOffset + SortedSegmentFormat.headerByteCount + storagePayloadOffset + storagePosition
    }

    /// Loads the next chunk of the payload after the loaded bytes, first moving the current record
    /// to the front of `storage` (and growing it when the record alone fills it).
    ///
    /// - Throws: `SluiceError.data` when the file ends inside the segment; `SluiceError.io`.
    @usableFromInline
    mutating func loadMore() throws(SluiceError) {
        precondition(payloadBytesNotLoaded > 0 && descriptor >= 0, "nothing left to load")
        let keptStart = recordStart
        if keptStart > 0 {
            let keptByteCount = filledByteCount - keptStart
            if keptByteCount > 0 { memmove(storage.baseAddress!, storage.baseAddress! + keptStart, keptByteCount) }
            filledByteCount = keptByteCount
            storagePayloadOffset += keptStart
            position -= keptStart
            keyStart -= keptStart
            recordStart = 0
        }
        if filledByteCount == storage.count {
            // One record is larger than the buffer: double it.
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: storage.count * 2, alignment: 16)
            grown.baseAddress!.copyMemory(from: storage.baseAddress!, byteCount: filledByteCount)
            owner.replaceStorage(with: grown)
            storage = grown
        }
        let wantedByteCount = Swift.min(storage.count - filledByteCount, payloadBytesNotLoaded)
        let fileOffset = segmentFileOffset(ofStoragePosition: filledByteCount)
        let destination = UnsafeMutableRawBufferPointer(rebasing: storage[filledByteCount..<(filledByteCount + wantedByteCount)])
        let readByteCount = try ShuffleFileIO.readFully(descriptor, into: destination, atFileOffset: fileOffset, path: name)
        guard readByteCount == wantedByteCount else {
            throw SluiceError.data("truncated sorted segment: the file ends \(payloadBytesNotLoaded - readByteCount) bytes before "
                                   + "the segment that starts at byte \(segmentByteOffset) does",
                                   at: SourceLocation(file: name, byteOffset: fileOffset + readByteCount))
        }
        loadedChecksum = CRC32C.checksum(UnsafeRawBufferPointer(destination), continuing: loadedChecksum)
        filledByteCount += readByteCount
        payloadBytesNotLoaded -= readByteCount
    }

    /// Checks, after the last record, that no bytes are left and that the checksum matches, and
    /// closes the file.
    @usableFromInline
    mutating func finish() throws(SluiceError) {
        guard !isFinished else { return }
        let leftByteCount = filledByteCount - position + payloadBytesNotLoaded
        let leftOffset = segmentFileOffset(ofStoragePosition: position)
        try loadRestForChecksum()
        guard loadedChecksum == expectedChecksum else { throw checksumMismatch() }
        guard leftByteCount == 0 else {
            throw SluiceError.data("\(leftByteCount) bytes left after the last of \(recordCount) records of a sorted segment",
                                   at: SourceLocation(file: name, byteOffset: leftOffset))
        }
        isFinished = true
        if descriptor >= 0 {
            owner.closeDescriptor()
            descriptor = -1
        }
    }

    /// The error to throw for a record that failed to decode at `storagePosition`: a checksum
    /// mismatch when the segment is corrupt (read to its end to find out), else the decoding
    /// error placed in the file.
    @usableFromInline
    mutating func failure(_ error: SluiceError, atStoragePosition storagePosition: Int) throws(SluiceError) -> SluiceError {
        let offset = segmentFileOffset(ofStoragePosition: storagePosition) + (error.location?.byteOffset ?? 0)
        valueIsPending = false
        try loadRestForChecksum()
        if loadedChecksum != expectedChecksum { return checksumMismatch() }
        return SluiceError(.data, "sorted segment record: \(error.message)", at: SourceLocation(file: name, byteOffset: offset))
    }

    /// Reads the payload bytes not loaded yet into the checksum only; the loaded records are lost.
    mutating func loadRestForChecksum() throws(SluiceError) {
        while payloadBytesNotLoaded > 0 {
            recordStart = 0
            position = 0
            keyStart = 0
            storagePayloadOffset += filledByteCount
            filledByteCount = 0
            try loadMore()
        }
    }

    func checksumMismatch() -> SluiceError {
        .data("sorted segment checksum mismatch (stored \(expectedChecksum), computed \(loadedChecksum))",
              at: SourceLocation(file: name, byteOffset: segmentByteOffset))
    }
}
