#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// Finds line breaks in a file without reading more of it than needed: the line boundaries
/// around a split, and line numbers for error messages.
enum LineBoundaries {
    static let scanChunkSizeBytes = 1 << 20

    /// The offset just past the first `\n` at or after `offset`, or the file's end when there is
    /// none.
    static func lineEnd(atOrAfter offset: Int, in file: any ReadableFile) throws -> Int {
        let fileEnd = file.sizeBytes
        var position = max(0, offset)
        while position < fileEnd {
            let chunk = try file.read(offset: position, count: min(scanChunkSizeBytes, fileEnd - position))
            if let index = chunk.withUnsafeBytes({ raw -> Int? in
                guard let found = memchr(raw.baseAddress!, 0x0A, raw.count) else { return nil }
                return UnsafeRawPointer(found) - raw.baseAddress!
            }) {
                return position + index + 1
            }
            position += chunk.count
        }
        return fileEnd
    }

    /// The bytes of the lines whose first byte lies in the split, the rule `TextLineReader` uses:
    /// from the first line start at or after the split's start to the end of the line holding
    /// its last byte. Empty when no line starts in the split.
    static func lineRange(of split: TextFileSplit, in file: any ReadableFile) throws -> Range<Int> {
        let start = split.byteRange.lowerBound == 0 ? 0 : try lineEnd(atOrAfter: split.byteRange.lowerBound - 1, in: file)
        guard start < split.byteRange.upperBound else { return start..<start }
        let end = split.byteRange.upperBound >= file.sizeBytes
            ? file.sizeBytes
            : try lineEnd(atOrAfter: split.byteRange.upperBound - 1, in: file)
        return start..<max(start, end)
    }

    /// How many `\n` bytes lie in `range`: the line number of a split's first line is this count
    /// over the bytes before it, plus one. A pass over those bytes, so only for error messages.
    static func newlineCount(in range: Range<Int>, of file: any ReadableFile) throws -> Int {
        var count = 0
        var position = range.lowerBound
        while position < range.upperBound {
            let chunk = try file.read(offset: position, count: min(scanChunkSizeBytes, range.upperBound - position))
            chunk.withUnsafeBytes { raw in
                var cursor = raw.baseAddress!
                let end = raw.baseAddress! + raw.count
                while cursor < end, let found = memchr(cursor, 0x0A, end - cursor) {
                    count += 1
                    cursor = UnsafeRawPointer(found) + 1
                }
            }
            position += chunk.count
        }
        return count
    }

    /// The offset where line `lineNumber` (1-based) starts, counting from a line start at
    /// `start`; the end of `range` when there are fewer lines.
    static func lineStart(_ lineNumber: Int, from range: Range<Int>, in file: any ReadableFile) throws -> Int {
        var position = range.lowerBound
        var line = 1
        while line < lineNumber, position < range.upperBound {
            position = min(range.upperBound, try lineEnd(atOrAfter: position, in: file))
            line += 1
        }
        return position
    }
}
