import SluiceCore

/// The values section of a dictionary-encoded data page (PLAIN_DICTIONARY / RLE_DICTIONARY):
/// one byte holding the index bit width (0...32), then the indices as an RLE/bit-packed hybrid
/// without a length prefix. Pure functions; safe from any thread.
enum DictionaryIndices {
    /// Decodes `count` dictionary indices from a data page's values section.
    ///
    /// The indices are not checked against the dictionary size here; see `checkIndices`.
    ///
    /// - Throws: `SluiceError.data` when the bit width is above 32 or the runs are short or
    ///   malformed.
    static func decodeDictionaryIndices(_ bytes: UnsafeRawBufferPointer, count: Int, into output: UnsafeMutablePointer<UInt32>) throws {
        guard count > 0 else { return }
        var cursor = EncodingCursor(bytes, encodingName: "dictionary index")
        let bitWidth = Int(try cursor.readByte())
        guard bitWidth <= 32 else { throw cursor.corrupt("bit width \(bitWidth) above 32") }
        var decoder = RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: bytes[1...]), bitWidth: bitWidth)
        try decoder.decode(count: count, into: output)
    }

    /// Encodes indices into a dictionary of `dictionaryCount` entries, appending the bit-width
    /// byte and the runs to `output`.
    static func encodeDictionaryIndices(_ indices: UnsafeBufferPointer<UInt32>, dictionaryCount: Int, appendingTo output: inout [UInt8]) {
        let bitWidth = bitWidth(dictionaryCount: dictionaryCount)
        output.append(UInt8(bitWidth))
        RLEHybridEncoder.encode(indices, bitWidth: bitWidth, appendingTo: &output)
    }

    /// The index bit width for a dictionary of `dictionaryCount` entries: the bits of the largest
    /// index, 0 for a dictionary of one entry.
    static func bitWidth(dictionaryCount: Int) -> Int {
        BitPacking.bitWidth(forMaxValue: UInt64(max(dictionaryCount - 1, 0)))
    }

    /// Checks that every index points into a dictionary of `dictionaryCount` entries, so the values
    /// can then be gathered without bounds checks.
    ///
    /// - Throws: `SluiceError.data` naming the first offending index.
    static func checkIndices(_ indices: UnsafeBufferPointer<UInt32>, dictionaryCount: Int) throws {
        // A branch-free maximum vectorizes; the slow search runs only on corrupt data.
        var largest: UInt32 = 0
        for index in indices { largest = max(largest, index) }
        if indices.isEmpty || Int(largest) < dictionaryCount { return }
        let position = indices.firstIndex { Int($0) >= dictionaryCount } ?? 0
        throw SluiceError.data("corrupt dictionary index data: index \(indices[position]) at value \(position) is past the dictionary's \(dictionaryCount) entries")
    }
}
