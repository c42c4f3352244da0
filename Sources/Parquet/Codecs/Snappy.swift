import SluiceCore

/// The raw Snappy block format: a varint of the uncompressed length, then literal and copy
/// elements. This is the format Parquet's SNAPPY codec stores, not Snappy's framed stream format.
///
/// Stateless; every function may run on any thread. Compression lives in
/// `Snappy+Compression.swift`, decompression in `Snappy+Decompression.swift`.
enum Snappy {
    /// The largest stream `compress` can produce for `inputCount` bytes: the worst case is one
    /// long run of literals with their tags, plus the length header.
    static func maxCompressedLength(_ inputCount: Int) -> Int {
        32 + inputCount + inputCount / 6
    }

    /// The uncompressed length a stream announces in its header.
    ///
    /// - Throws: `SluiceError.data` when the header is truncated or exceeds 32 bits.
    static func uncompressedLength(_ input: UnsafeRawBufferPointer) throws -> Int {
        try readLengthHeader(input).length
    }

    /// Reads the little-endian base-128 length at the start of a stream.
    ///
    /// - Returns: the length and how many bytes encode it.
    static func readLengthHeader(_ input: UnsafeRawBufferPointer) throws -> (length: Int, headerBytes: Int) {
        var length = 0
        for index in 0..<min(input.count, lengthHeaderBytesMax) {
            let byte = Int(input[index])
            length |= (byte & 0x7F) << (7 * index)
            if byte & 0x80 == 0 {
                guard length <= Int(UInt32.max) else { break }
                return (length, index + 1)
            }
        }
        throw SluiceError.data("corrupt Snappy page: bad uncompressed length header")
    }

    /// A 32-bit length needs at most five 7-bit groups.
    static let lengthHeaderBytesMax = 5

    /// Writes `length` as a little-endian base-128 varint at `output`.
    ///
    /// - Returns: the number of bytes written (1 to 5).
    @inline(__always)
    static func writeLengthHeader(_ length: UInt32, to output: UnsafeMutableRawPointer) -> Int {
        var remaining = length
        var written = 0
        while remaining >= 0x80 {
            output.storeBytes(of: UInt8(truncatingIfNeeded: remaining) | 0x80, toByteOffset: written, as: UInt8.self)
            remaining >>= 7
            written += 1
        }
        output.storeBytes(of: UInt8(truncatingIfNeeded: remaining), toByteOffset: written, as: UInt8.self)
        return written + 1
    }

    /// The two low bits of every element's tag byte say what kind of element it is.
    static let tagLiteral = 0
    static let tagCopyOneByteOffset = 1
    static let tagCopyTwoByteOffset = 2
    static let tagCopyFourByteOffset = 3

    @inline(__always)
    static func load32(_ base: UnsafeRawPointer, _ offset: Int) -> UInt32 {
        UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inline(__always)
    static func load64(_ pointer: UnsafeRawPointer) -> UInt64 {
        UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self))
    }
}
