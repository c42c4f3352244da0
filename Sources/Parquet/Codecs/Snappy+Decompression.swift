import SluiceCore

extension Snappy {
    /// Decompresses a raw Snappy stream.
    ///
    /// Every length and offset is checked against both buffers before use, and each element
    /// consumes at least one input byte, so hostile input fails with an error: it never reads or
    /// writes out of bounds and never loops without progress.
    ///
    /// - Parameters:
    ///   - input: the whole stream, starting with its length header.
    ///   - output: exactly `uncompressedLength(input)` bytes; all of them are written on success.
    /// - Throws: `SluiceError.data` when the stream is malformed or its length differs from
    ///   `output.count`.
    static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        let (length, headerBytes) = try readLengthHeader(input)
        guard length == output.count else {
            throw SluiceError.data("corrupt Snappy page: stream holds \(length) bytes, page header says \(output.count)")
        }
        guard let inputBase = input.baseAddress, let outputBase = output.baseAddress else {
            // Only an empty output has no base address; then the header must be all there is.
            guard headerBytes == input.count else { throw corrupt("bytes after the end of an empty stream") }
            return
        }
        let inputEnd = inputBase + input.count
        let outputEnd = outputBase + output.count
        var inputCursor = inputBase + headerBytes
        var outputCursor = outputBase

        while inputCursor < inputEnd {
            let tag = Int(inputCursor.load(as: UInt8.self))
            inputCursor += 1
            if tag & 3 == tagLiteral {
                var literalLength = (tag >> 2) &+ 1
                if literalLength > 60 {
                    // Tags 60...63 mean the length minus one follows in 1...4 little-endian bytes.
                    let lengthBytes = literalLength &- 60
                    guard inputEnd - inputCursor >= lengthBytes else { throw corrupt("truncated literal length") }
                    var lengthMinusOne = 0
                    for index in 0..<lengthBytes {
                        lengthMinusOne |= Int(inputCursor.load(fromByteOffset: index, as: UInt8.self)) << (8 * index)
                    }
                    inputCursor += lengthBytes
                    literalLength = lengthMinusOne &+ 1
                }
                let inputLeft = inputEnd - inputCursor
                let outputLeft = outputEnd - outputCursor
                if literalLength <= 16 && inputLeft >= 16 && outputLeft >= 16 {
                    // Short literals are the common case; two fixed 8-byte moves beat a memcpy
                    // call, and the bytes written past the literal are overwritten later.
                    copy8(from: inputCursor, to: outputCursor)
                    copy8(from: inputCursor + 8, to: outputCursor + 8)
                } else {
                    guard literalLength <= inputLeft else { throw corrupt("literal runs past the end of the input") }
                    guard literalLength <= outputLeft else { throw corrupt("literal runs past the uncompressed size") }
                    outputCursor.copyMemory(from: inputCursor, byteCount: literalLength)
                }
                inputCursor += literalLength
                outputCursor += literalLength
                continue
            }

            // Copy tags, decoded without branching on the kind: 1 = one offset byte and 3 length
            // bits (4...11) with offset bits 8-10 in the tag; 2 and 3 = two or four offset bytes
            // and 6 length bits (1...64).
            let kind = tag & 3
            let isOneByteOffset = kind == tagCopyOneByteOffset
            let copyLength = isOneByteOffset ? 4 &+ ((tag >> 2) & 7) : (tag >> 2) &+ 1
            let offsetHighBits = isOneByteOffset ? (tag >> 5) << 8 : 0
            let offsetBytes = (0x4210 >> (kind << 2)) & 0xF
            let offsetMask = (1 << (offsetBytes << 3)) &- 1
            let offsetLowBits: Int
            if inputEnd - inputCursor >= 4 {
                offsetLowBits = Int(load32(inputCursor, 0)) & offsetMask
            } else {
                guard inputEnd - inputCursor >= offsetBytes else { throw corrupt("truncated copy element") }
                var bytes = 0
                for index in 0..<offsetBytes {
                    bytes |= Int(inputCursor.load(fromByteOffset: index, as: UInt8.self)) << (8 * index)
                }
                offsetLowBits = bytes
            }
            inputCursor += offsetBytes
            let offset = offsetHighBits | offsetLowBits
            guard offset > 0 && offset <= outputCursor - outputBase else {
                throw corrupt("copy offset \(offset) points outside the bytes decoded so far")
            }
            let outputLeft = outputEnd - outputCursor
            if offset >= 8 && copyLength <= 16 && outputLeft >= 16 {
                // Most copies are short and far enough back for 8-byte moves; a fixed pair of
                // them avoids a loop whose exit the CPU would mispredict.
                copy8(from: outputCursor - offset, to: outputCursor)
                copy8(from: outputCursor - offset + 8, to: outputCursor + 8)
            } else {
                guard copyLength <= outputLeft else { throw corrupt("copy runs past the uncompressed size") }
                copyFromEarlierOutput(at: outputCursor, offset: offset, length: copyLength, outputEnd: outputEnd)
            }
            outputCursor += copyLength
        }
        guard outputCursor == outputEnd else {
            throw corrupt("stream ends after \(outputCursor - outputBase) of \(output.count) bytes")
        }
    }

    /// Copies `length` bytes from `offset` bytes back, where source and destination may overlap
    /// (offset < length repeats the last `offset` bytes).
    ///
    /// - Parameter outputEnd: the end of the output buffer; bytes up to 7 past the copy may be
    ///   overwritten when they lie before it.
    @inline(__always)
    static func copyFromEarlierOutput(
        at destination: UnsafeMutableRawPointer, offset: Int, length: Int, outputEnd: UnsafeMutableRawPointer
    ) {
        var target = destination
        let copyEnd = destination + length
        var distance = offset
        if distance < 8 {
            // The copied bytes repeat with period `offset`, so after copying a few bytes one at
            // a time the same bytes also lie a multiple of `offset` >= 8 back, far enough for
            // 8-byte moves that do not overlap.
            let widenedDistance = offset * ((8 + offset - 1) / offset)
            let byteCopyEnd = destination + min(length, widenedDistance - offset)
            while target < byteCopyEnd {
                target.storeBytes(of: (target - offset).load(as: UInt8.self), as: UInt8.self)
                target += 1
            }
            distance = widenedDistance
        }
        if outputEnd - copyEnd >= 7 {
            while target < copyEnd {
                copy8(from: target - distance, to: target)
                target += 8
            }
        } else {
            while copyEnd - target >= 8 {
                copy8(from: target - distance, to: target)
                target += 8
            }
            while target < copyEnd {
                target.storeBytes(of: (target - distance).load(as: UInt8.self), as: UInt8.self)
                target += 1
            }
        }
    }

    @inline(__always)
    static func copy8(from source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer) {
        destination.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
    }

    static func corrupt(_ detail: String) -> SluiceError {
        SluiceError.data("corrupt Snappy page: \(detail)")
    }
}
