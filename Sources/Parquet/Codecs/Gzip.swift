import CZlib
import SluiceCore

/// Parquet's GZIP codec: RFC 1952 gzip members (header, deflate data, CRC-32 and size trailer)
/// produced and read by zlib.
///
/// Stateless; each call owns its own zlib stream, so calls may run on any thread.
enum Gzip {
    /// zlib's windowBits for a 32 KiB window; +16 selects gzip framing when compressing, +32
    /// detects gzip or zlib framing when decompressing.
    static let windowBits: Int32 = 15
    static let memoryLevel: Int32 = 8

    /// Compresses `input` as one gzip member and appends it to `output`.
    ///
    /// - Parameters:
    ///   - level: zlib compression level, 0 (store) to 9 (smallest).
    /// - Throws: `SluiceError.userInput` for an invalid level or an input over 2 GiB (more than
    ///   a Parquet page can hold); `SluiceError.internal` when zlib fails.
    static func compress(_ input: UnsafeRawBufferPointer, level: Int32 = 6, appendingTo output: inout [UInt8]) throws {
        guard input.count <= Int(Int32.max) else { throw SluiceError.userInput("gzip input exceeds 2 GiB") }
        // zlib keeps a pointer back to its z_stream and rejects calls from another address, so
        // the stream lives at a fixed heap address instead of in a Swift variable.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        let initStatus = deflateInit2_(
            stream, level, Z_DEFLATED, windowBits + 16, memoryLevel, Z_DEFAULT_STRATEGY,
            zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else {
            throw SluiceError.userInput("gzip compression level \(level) rejected by zlib (status \(initStatus))")
        }
        defer { deflateEnd(stream) }

        let boundBytes = Int(deflateBound(stream, uLong(input.count)))
        let startCount = output.count
        output.append(contentsOf: repeatElement(0, count: boundBytes))
        let status = output.withUnsafeMutableBytes { outputBytes -> Int32 in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = uInt(input.count)
            stream.pointee.next_out = outputBytes.baseAddress!.advanced(by: startCount).assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(boundBytes)
            return deflate(stream, Z_FINISH)
        }
        // deflateBound is an upper bound for a single Z_FINISH call, so anything else is a bug.
        guard status == Z_STREAM_END else {
            output.removeLast(output.count - startCount)
            throw SluiceError.internal("gzip compression did not finish in one call (zlib status \(status))")
        }
        output.removeLast(Int(stream.pointee.avail_out))
    }

    /// Decompresses one or more concatenated gzip members.
    ///
    /// - Parameter uncompressedSize: the exact number of bytes the members expand to.
    /// - Throws: `SluiceError.data` when the data is corrupt or truncated, or expands to a
    ///   different size.
    static func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] {
        guard uncompressedSize >= 0, uncompressedSize <= Int(UInt32.max), input.count <= Int(UInt32.max) else {
            throw SluiceError.data("corrupt gzip page: sizes out of range (\(input.count) stored, \(uncompressedSize) uncompressed)")
        }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        let initStatus = inflateInit2_(stream, windowBits + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else {
            throw SluiceError.internal("zlib inflateInit2 failed (status \(initStatus))")
        }
        defer { inflateEnd(stream) }

        // One spare byte of capacity gives zlib a valid output pointer even for empty pages.
        return try [UInt8](unsafeUninitializedCapacity: uncompressedSize + 1) { buffer, initializedCount in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = uInt(input.count)
            stream.pointee.next_out = buffer.baseAddress
            stream.pointee.avail_out = uInt(uncompressedSize)
            try inflateMembers(stream, uncompressedSize: uncompressedSize)
            let producedBytes = uncompressedSize - Int(stream.pointee.avail_out)
            guard producedBytes == uncompressedSize else {
                throw SluiceError.data("corrupt gzip page: expands to \(producedBytes) bytes, page header says \(uncompressedSize)")
            }
            initializedCount = producedBytes
        }
    }

    /// Runs inflate until the input is used up, starting over after each member's trailer.
    private static func inflateMembers(_ stream: UnsafeMutablePointer<z_stream>, uncompressedSize: Int) throws {
        while true {
            // inflate returns Z_OK only after progress and Z_BUF_ERROR when it can make none,
            // so this loop ends on any input.
            let status = inflate(stream, Z_NO_FLUSH)
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                if stream.pointee.avail_in == 0 { return }
                guard inflateReset(stream) == Z_OK else { throw SluiceError.internal("zlib inflateReset failed") }
            case Z_BUF_ERROR where stream.pointee.avail_out == 0:
                throw SluiceError.data("corrupt gzip page: expands beyond the \(uncompressedSize) bytes the page header says")
            case Z_BUF_ERROR:
                throw SluiceError.data("corrupt gzip page: data is truncated")
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                throw SluiceError.data("corrupt gzip page: \(detail)")
            }
        }
    }
}
