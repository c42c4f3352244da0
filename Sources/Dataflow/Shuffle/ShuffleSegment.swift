#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// The bytes one map task wrote for one reduce partition: in memory, or a byte range of a file in
/// the work folder.
public enum ShuffleSegment: Sendable {
    case memory([UInt8])
    case file(path: String, byteRange: Range<Int>)

    public var byteCount: Int {
        switch self {
        case .memory(let bytes): bytes.count
        case .file(_, let byteRange): byteRange.count
        }
    }

    /// The segment's bytes, read from disk when they are there.
    ///
    /// - Throws: `SluiceError.io` naming the file when it cannot be read whole.
    public func loadBytes() throws(SluiceError) -> [UInt8] {
        switch self {
        case .memory(let bytes):
            return bytes
        case .file(let path, let byteRange):
            return try ShuffleSegment.readRange(path: path, byteRange: byteRange)
        }
    }

    static func readRange(path: String, byteRange: Range<Int>) throws(SluiceError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw .io("shuffle file \(path) cannot be opened: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: byteRange.count)
        var readCount = 0
        while readCount < byteRange.count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + readCount, byteRange.count - readCount, off_t(byteRange.lowerBound + readCount))
            }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else {
                throw .io("shuffle file \(path) ended at byte \(byteRange.lowerBound + readCount), before \(byteRange.upperBound)")
            }
            readCount += result
        }
        return bytes
    }
}
