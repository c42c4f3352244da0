#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// One open file of a segment (log, offset index or time index), written at explicit positions.
///
/// Not thread-safe: the owning `PartitionLog` serializes every call under its lock.
final class SegmentFile {
    let path: String
    private var descriptor: Int32
    /// The file's length in bytes as this object has written or truncated it.
    private(set) var sizeBytes: Int

    /// Opens `path` for reading and writing, creating it empty when missing.
    /// - Throws: `SluiceError.io` when the file cannot be opened.
    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.error(errno, "cannot open", path) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw Self.error(code, "cannot stat", path)
        }
        sizeBytes = Int(info.st_size)
    }

    deinit { close() }

    func close() {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
        descriptor = -1
    }

    /// Writes `bytes` at the end of the file.
    func append(_ bytes: [UInt8]) throws {
        try write(bytes, at: sizeBytes)
    }

    func write(_ bytes: [UInt8], at position: Int) throws {
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let result = pwrite(descriptor, raw.baseAddress! + done, raw.count - done, off_t(position + done))
                if result < 0 {
                    if errno == EINTR { continue }
                    throw Self.error(errno, "cannot write", path)
                }
                done += result
            }
        }
        sizeBytes = max(sizeBytes, position + bytes.count)
    }

    /// Up to `count` bytes from `position`; fewer only at the end of the file.
    func read(at position: Int, count: Int) throws -> [UInt8] {
        let available = max(0, min(count, sizeBytes - position))
        guard available > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: available)
        var done = 0
        try bytes.withUnsafeMutableBytes { raw in
            while done < available {
                let result = pread(descriptor, raw.baseAddress! + done, available - done, off_t(position + done))
                if result < 0 {
                    if errno == EINTR { continue }
                    throw Self.error(errno, "cannot read", path)
                }
                if result == 0 { break }
                done += result
            }
        }
        if done < available { bytes.removeLast(available - done) }
        return bytes
    }

    func truncate(toBytes length: Int) throws {
        guard ftruncate(descriptor, off_t(length)) == 0 else { throw Self.error(errno, "cannot truncate", path) }
        sizeBytes = length
    }

    func sync() throws {
        guard fsync(descriptor) == 0 else { throw Self.error(errno, "cannot sync", path) }
    }

    static func error(_ code: Int32, _ action: String, _ path: String) -> SluiceError {
        .io("\(action) '\(path)': \(String(cString: strerror(code)))")
    }
}
