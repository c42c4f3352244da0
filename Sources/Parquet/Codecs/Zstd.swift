import CZstd
import SluiceCore

/// Parquet's ZSTD codec: one Zstandard frame (RFC 8878) per page, through libzstd. delta-rs and
/// recent writers use it by default.
///
/// Stateless; each call uses libzstd's one-shot functions, so calls may run on any thread.
enum Zstd {
    /// libzstd's default level: the speed and ratio most writers choose.
    static let defaultLevel: Int32 = 3

    /// Compresses `input` as one frame and appends it to `output`.
    /// - Throws: `SluiceError.internal` when libzstd fails.
    static func compress(_ input: UnsafeRawBufferPointer, level: Int32 = defaultLevel, appendingTo output: inout [UInt8]) throws {
        let start = output.count
        let bound = ZSTD_compressBound(input.count)
        output.append(contentsOf: repeatElement(0, count: bound))
        let written = output.withUnsafeMutableBytes { buffer in
            ZSTD_compress(buffer.baseAddress! + start, bound, input.baseAddress, input.count, level)
        }
        guard ZSTD_isError(written) == 0 else {
            output.removeLast(bound)
            throw SluiceError.internal("zstd compression failed: \(String(cString: ZSTD_getErrorName(written)))")
        }
        output.removeLast(bound - written)
    }

    /// Decompresses frames that must expand to exactly `uncompressedSize` bytes.
    /// - Throws: `SluiceError.data` for corrupt or truncated input, or a different size.
    static func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] {
        guard uncompressedSize > 0 else { return [] }
        var produced = 0
        var failure: String?
        let output = [UInt8](unsafeUninitializedCapacity: uncompressedSize) { buffer, initialized in
            // Concatenated frames are allowed; ZSTD_decompress handles them in one call.
            let result = ZSTD_decompress(buffer.baseAddress, uncompressedSize, input.baseAddress, input.count)
            if ZSTD_isError(result) != 0 {
                failure = String(cString: ZSTD_getErrorName(result))
                initialized = 0
            } else {
                produced = result
                initialized = result
            }
        }
        if let failure { throw SluiceError.data("corrupt ZSTD page: \(failure)") }
        guard produced == uncompressedSize else {
            throw SluiceError.data("corrupt ZSTD page: it expands to \(produced) bytes, the header says \(uncompressedSize)")
        }
        return output
    }
}
