import SluiceCore

extension RLEHybridDecoder {
    /// Decodes the values section of a BOOLEAN column with the RLE encoding (data pages V1 and
    /// V2 alike): a 4-byte little-endian length, then that many bytes of the hybrid at bit width 1.
    ///
    /// - Returns: the bytes consumed (prefix included).
    /// - Throws: `SluiceError.data` when the prefix or the runs are short or malformed, or a value
    ///   is wider than 1 bit.
    static func decodeBooleans(_ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Bool]) throws -> Int {
        let (runs, sectionByteCount) = try lengthPrefixedRuns(bytes)
        var decoder = RLEHybridDecoder(runs, bitWidth: 1)
        let chunkCountMax = 1024
        try withUnsafeTemporaryAllocation(of: UInt32.self, capacity: chunkCountMax) { chunk in
            var done = 0
            output.reserveCapacity(output.count + count)
            while done < count {
                let chunkCount = min(chunkCountMax, count - done)
                try decoder.decode(count: chunkCount, into: chunk.baseAddress!)
                for index in 0..<chunkCount { output.append(chunk[index] != 0) }
                done += chunkCount
            }
        }
        return sectionByteCount
    }
}
