#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// An open POSIX file of a replica: whole-buffer `write`, positional `pread`, `fsync`. No
/// buffering of its own, so the data path makes one system call per caller buffer.
///
/// Threading: `pread` may run from many threads at once; `write` needs one writer. `close()` is
/// called once by the owner.
struct BlockFileHandle: Sendable {
    let descriptor: Int32
    let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// Opens `path` for reading.
    /// - Throws: `SluiceError` (`.io`, or `.userInput` with `.notFound` when it does not exist).
    static func openForReading(_ path: String) throws -> BlockFileHandle {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw BlockFileHandle.error(errno, "cannot open", path) }
        return BlockFileHandle(descriptor: descriptor, path: path)
    }

    /// Creates `path` (truncating what was there) for writing.
    /// - Throws: `SluiceError.io` when the file cannot be created.
    static func create(_ path: String) throws -> BlockFileHandle {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw BlockFileHandle.error(errno, "cannot create", path) }
        return BlockFileHandle(descriptor: descriptor, path: path)
    }

    /// Appends all of `bytes`, looping over short writes.
    /// - Throws: `SluiceError.io` (disk full, I/O error).
    func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        guard var cursor = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = Glibc.write(descriptor, cursor, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw BlockFileHandle.error(errno, "cannot write", path)
            }
            cursor += written
            remaining -= written
        }
    }

    /// Reads into `buffer` from `offset` until it is full or the file ends.
    /// - Returns: the bytes read; fewer than `buffer.count` only at the end of the file.
    /// - Throws: `SluiceError.io`.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var total = 0
        while total < buffer.count {
            let got = pread(descriptor, base + total, buffer.count - total, off_t(offset) + off_t(total))
            if got < 0 {
                if errno == EINTR { continue }
                throw BlockFileHandle.error(errno, "cannot read", path)
            }
            if got == 0 { break }
            total += got
        }
        return total
    }

    /// The file's current size.
    /// - Throws: `SluiceError.io`.
    func sizeBytes() throws -> Int64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw BlockFileHandle.error(errno, "cannot stat", path) }
        return Int64(info.st_size)
    }

    /// Flushes the file's data and metadata to the disk.
    /// - Throws: `SluiceError.io`.
    func sync() throws {
        guard fsync(descriptor) == 0 else { throw BlockFileHandle.error(errno, "cannot sync", path) }
    }

    func close() {
        _ = Glibc.close(descriptor)
    }

    /// Flushes a directory so a rename or create inside it survives a crash.
    /// - Throws: `SluiceError.io`.
    static func syncDirectory(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw BlockFileHandle.error(errno, "cannot open directory", path) }
        defer { _ = Glibc.close(descriptor) }
        guard fsync(descriptor) == 0 else { throw BlockFileHandle.error(errno, "cannot sync directory", path) }
    }

    /// Renames `source` to `destination`, replacing what is there (one atomic step on POSIX).
    /// - Throws: `SluiceError.io`.
    static func rename(_ source: String, to destination: String) throws {
        guard Glibc.rename(source, destination) == 0 else {
            throw BlockFileHandle.error(errno, "cannot rename to '\(destination)'", source)
        }
    }

    /// Removes `path`; a file that is already gone is not an error.
    /// - Throws: `SluiceError.io`.
    static func remove(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else { throw BlockFileHandle.error(errno, "cannot delete", path) }
    }

    /// The size of `path`, or nil when it does not exist.
    static func sizeBytes(of path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    static func error(_ code: Int32, _ action: String, _ path: String) -> SluiceError {
        let reason = String(cString: strerror(code))
        if code == ENOENT {
            return SluiceError(.userInput, "\(action) '\(path)': \(reason)", at: SourceLocation(file: path), condition: .notFound)
        }
        return SluiceError(.io, "\(action) '\(path)': \(reason)", at: SourceLocation(file: path))
    }
}
