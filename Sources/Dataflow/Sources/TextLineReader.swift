#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// Reads the lines of a split: chunks of the file through `FileSystem`, lines cut at `\n` (a
/// trailing `\r` removed). A split that does not start at byte 0 skips the partial line it starts
/// in; the line in progress at the split's end is read to its end.
public struct TextLineReader {
    public static let chunkSizeBytes = 4 << 20
    /// What is read at a time past a split's end, where only the rest of its last line is wanted.
    public static let tailChunkBytes = 4 << 10

    /// Calls `body` with each line's UTF-8 bytes (valid only during the call), in order.
    ///
    /// - Returns: the bytes read from the file.
    public static func forEachLine(in split: TextFileSplit, file: any ReadableFile,
                                   _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        let fileEnd = file.sizeBytes
        var position = split.byteRange.lowerBound
        var carry: [UInt8] = []
        var skippingFirst = split.byteRange.lowerBound > 0
        if skippingFirst {
            // A line starting exactly at the split's first byte belongs to this split: look from one byte before.
            position -= 1
        }
        var bytesRead = 0
        while position < fileEnd {
            // Read up to the split's end (plus a little, where its last line usually ends); past
            // the end only small pieces, to finish a long last line without reading the next split.
            let wanted = position < split.byteRange.upperBound
                ? min(chunkSizeBytes, split.byteRange.upperBound - position + tailChunkBytes) : tailChunkBytes
            let chunk = try file.read(offset: position, count: min(wanted, fileEnd - position))
            if chunk.isEmpty { break }
            bytesRead += chunk.count
            let chunkStart = position
            position += chunk.count
            var finished = false
            try chunk.withUnsafeBytes { raw in
                var lineStart = 0
                while lineStart < raw.count {
                    let remaining = raw.count - lineStart
                    guard let found = memchr(raw.baseAddress! + lineStart, 0x0A, remaining) else {
                        carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[lineStart...]))
                        return
                    }
                    let newline = UnsafeRawPointer(found) - UnsafeRawPointer(raw.baseAddress!)
                    let lineFileOffset = chunkStart + lineStart - carry.count
                    if skippingFirst {
                        skippingFirst = false
                        carry.removeAll(keepingCapacity: true)
                        lineStart = newline + 1
                        if chunkStart + lineStart >= split.byteRange.upperBound { finished = true; return }
                        continue
                    }
                    if lineFileOffset >= split.byteRange.upperBound { finished = true; return }
                    if carry.isEmpty {
                        try body(trimmingCarriageReturn(UnsafeRawBufferPointer(rebasing: raw[lineStart..<newline])))
                    } else {
                        carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[lineStart..<newline]))
                        try carry.withUnsafeBytes { try body(trimmingCarriageReturn($0)) }
                        carry.removeAll(keepingCapacity: true)
                    }
                    lineStart = newline + 1
                    if chunkStart + lineStart >= split.byteRange.upperBound { finished = true; return }
                }
            }
            if finished { return bytesRead }
        }
        // The file's last line has no newline.
        if !carry.isEmpty && !skippingFirst && fileEnd - carry.count < split.byteRange.upperBound {
            try carry.withUnsafeBytes { try body(trimmingCarriageReturn($0)) }
        }
        return bytesRead
    }

    @inline(__always)
    static func trimmingCarriageReturn(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        if let last = line.last, last == 0x0D { return UnsafeRawBufferPointer(rebasing: line.dropLast()) }
        return line
    }
}
