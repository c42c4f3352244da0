#if canImport(Glibc)
import Glibc
#endif
import SluiceCore

/// Lines of input, one at a time, without their line break.
protocol LineSource {
    /// The next line, nil at the end of the input.
    /// - Throws: `SluiceError.io` when reading fails.
    mutating func nextLine() throws -> ArraySlice<UInt8>?
}

/// The lines of a file descriptor (standard input or an opened file), read in large chunks.
struct DescriptorLineSource: LineSource {
    let descriptor: Int32
    let name: String
    private var buffer: [UInt8] = []
    private var start = 0
    private var isAtEnd = false

    init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    mutating func nextLine() throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                defer { start = newline + 1 }
                return buffer[start..<newline]
            }
            if isAtEnd {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                return buffer[start...]
            }
            try fill()
        }
    }

    private mutating func fill() throws {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        let chunkBytes = 1 << 20
        let previousCount = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunkBytes))
        var readCount: Int
        repeat {
            readCount = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + previousCount, chunkBytes) }
        } while readCount < 0 && errno == EINTR
        guard readCount >= 0 else {
            buffer.removeLast(chunkBytes)
            throw SluiceError.io("cannot read \(name): \(String(cString: strerror(errno)))")
        }
        buffer.removeLast(chunkBytes - readCount)
        if readCount == 0 { isAtEnd = true }
    }
}

/// Lines of text held in memory (tests, small inputs).
struct TextLineSource: LineSource {
    private var lines: [ArraySlice<UInt8>]
    private var index = 0

    init(_ text: String) {
        let bytes = Array(text.utf8)
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if bytes.last == 0x0A { lines.removeLast() }
        self.lines = lines
    }

    mutating func nextLine() throws -> ArraySlice<UInt8>? {
        guard index < lines.count else { return nil }
        defer { index += 1 }
        return lines[index]
    }
}
