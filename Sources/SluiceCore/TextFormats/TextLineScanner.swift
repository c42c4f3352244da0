#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a file into lines (ending at LF, with a CR before it dropped), streaming it through a
/// `ChunkedFileBuffer`. Lines holding only spaces, tabs or CRs are skipped but counted.
///
/// Value type; one reader owns it.
struct TextLineScanner: Sendable {
    let path: String
    private var buffer: ChunkedFileBuffer
    /// The 1-based number of the next line.
    private(set) var lineNumber = 1

    init(file: any ReadableFile, path: String, chunkSizeBytes: Int) {
        self.path = path
        self.buffer = ChunkedFileBuffer(file: file, chunkSizeBytes: chunkSizeBytes)
    }

    /// Closes the file; the scanner must not be used afterwards.
    func closeFile() {
        buffer.closeFile()
    }

    /// Goes back to the start of the file.
    mutating func rewind() {
        buffer.seek(toFileOffset: 0)
        lineNumber = 1
    }

    /// Hands non-blank lines, without their line break, to `body` until it returns false or the
    /// file ends. The byte order mark of a UTF-8 file is not part of its first line.
    mutating func scanLines(_ body: (_ line: UnsafeBufferPointer<UInt8>, _ lineNumber: Int) throws -> Bool) throws {
        while true {
            if buffer.position >= buffer.bytes.count {
                guard try buffer.readMore() else { return }
            }
            let (needsMoreBytes, stopped) = try scanBufferedLines(body)
            if stopped { return }
            if needsMoreBytes {
                guard try buffer.readMore() else {
                    throw SluiceError.internal("line scanner asked for bytes after the end of '\(path)'")
                }
            }
        }
    }

    private mutating func scanBufferedLines(
        _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Bool
    ) throws -> (needsMoreBytes: Bool, stopped: Bool) {
        // Work on locals so the closure below touches no stored property of `self`.
        var position = buffer.position
        var lineNumber = self.lineNumber
        let isAtEndOfFile = buffer.hasReadWholeFile
        let isAtStartOfFile = buffer.positionFileOffset == 0
        defer {
            buffer.position = position
            self.lineNumber = lineNumber
        }
        return try buffer.bytes.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress!
            if isAtStartOfFile, bytes.count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF {
                position = 3
            }
            while position < bytes.count {
                let lineEnd: Int
                let nextPosition: Int
                if let found = memchr(base + position, Int32(UInt8(ascii: "\n")), bytes.count - position) {
                    lineEnd = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    nextPosition = lineEnd + 1
                } else if isAtEndOfFile {
                    lineEnd = bytes.count
                    nextPosition = bytes.count
                } else {
                    return (true, false)
                }
                var contentEnd = lineEnd
                if contentEnd > position, base[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
                let line = UnsafeBufferPointer(start: base + position, count: contentEnd - position)
                var keepGoing = true
                if !TextLineScanner.isBlank(line) { keepGoing = try body(line, lineNumber) }
                position = nextPosition
                lineNumber += 1
                if !keepGoing { return (false, true) }
            }
            return (false, false)
        }
    }

    private static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
    }
}
