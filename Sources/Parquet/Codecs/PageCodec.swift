import SluiceCore

/// Compresses and decompresses page bodies with one codec.
///
/// A value type that is cheap to create. It is not shared between threads while in use: later
/// versions may keep scratch buffers in it, which is why the operations are `mutating`.
struct PageCodec {
    let codec: CompressionCodec

    /// - Throws: `SluiceError.data` when Sluice cannot handle `codec`, since the codec comes
    ///   from a file's metadata.
    init(_ codec: CompressionCodec) throws {
        guard codec.isSupported else {
            let supported = CompressionCodec.allCases.filter(\.isSupported).map(\.name).joined(separator: ", ")
            throw SluiceError.data("unsupported compression codec \(codec.name) (supported: \(supported))")
        }
        self.codec = codec
    }

    /// Appends the compressed form of `input` to `output`.
    ///
    /// - Throws: `SluiceError.userInput` when `input` is larger than a page can be.
    mutating func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws {
        switch codec {
        case .snappy:
            guard input.count <= Int(UInt32.max) else { throw SluiceError.userInput("page exceeds 4 GiB") }
            let startCount = output.count
            let boundBytes = Snappy.maxCompressedLength(input.count)
            output.append(contentsOf: repeatElement(0, count: boundBytes))
            let writtenBytes = output.withUnsafeMutableBytes { outputBytes in
                Snappy.compress(input, into: UnsafeMutableRawBufferPointer(rebasing: outputBytes[startCount...]))
            }
            output.removeLast(boundBytes - writtenBytes)
        case .gzip:
            try Gzip.compress(input, appendingTo: &output)
        case .zstd:
            try Zstd.compress(input, appendingTo: &output)
        default:
            output.append(contentsOf: input)
        }
    }

    /// Decompresses a page body.
    ///
    /// - Parameter uncompressedSize: the exact size the page header gives for the body.
    /// - Throws: `SluiceError.data` when `input` is corrupt or does not expand to exactly
    ///   `uncompressedSize` bytes.
    mutating func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] {
        switch codec {
        case .snappy:
            let announcedSize = try Snappy.uncompressedLength(input)
            guard announcedSize == uncompressedSize else {
                throw SluiceError.data(
                    "corrupt Snappy page: stream holds \(announcedSize) bytes, page header says \(uncompressedSize)")
            }
            return try [UInt8](unsafeUninitializedCapacity: uncompressedSize) { buffer, initializedCount in
                try Snappy.decompress(input, into: UnsafeMutableRawBufferPointer(buffer))
                initializedCount = uncompressedSize
            }
        case .gzip:
            return try Gzip.decompress(input, uncompressedSize: uncompressedSize)
        case .zstd:
            return try Zstd.decompress(input, uncompressedSize: uncompressedSize)
        default:
            guard input.count == uncompressedSize else {
                throw SluiceError.data(
                    "corrupt page: \(input.count) bytes stored uncompressed, page header says \(uncompressedSize)")
            }
            return Array(input)
        }
    }
}
