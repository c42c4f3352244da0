import SluiceCore

extension RLEHybridDecoder {
    /// The runs of a length-prefixed hybrid section (V1 repetition and definition levels, RLE
    /// booleans): a 4-byte little-endian byte length, then that many bytes.
    ///
    /// - Returns: the runs, and the bytes the whole section takes (prefix included) so the caller
    ///   can find the next section.
    /// - Throws: `SluiceError.data` when the prefix is missing or longer than the bytes left.
    static func lengthPrefixedRuns(_ bytes: UnsafeRawBufferPointer) throws -> (runs: UnsafeRawBufferPointer, sectionByteCount: Int) {
        var cursor = EncodingCursor(bytes, encodingName: "RLE/bit-packed")
        let runsByteCount = Int(try cursor.readLittleEndian(byteCount: 4))
        guard runsByteCount <= cursor.remainingByteCount else {
            throw cursor.corrupt("length prefix \(runsByteCount) runs past the \(cursor.remainingByteCount) bytes left")
        }
        return (UnsafeRawBufferPointer(rebasing: bytes[4 ..< 4 + runsByteCount]), 4 + runsByteCount)
    }
}
