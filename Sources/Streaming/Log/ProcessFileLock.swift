#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// An exclusive `flock` on a local file that marks one process as the owner of something (a
/// topic store's folder, a running pipeline). The file holds the owner's process id for
/// messages. The kernel drops the lock when the process dies, however it dies, so a crashed
/// owner never blocks its restart.
///
/// Thread-safe: `release` may be called from any thread, more than once.
final class ProcessFileLock: @unchecked Sendable {
    // Sendable: `descriptor` is touched only under `mutex`.
    private let mutex = Mutex()
    private var descriptor: Int32
    let path: String

    /// Takes the lock on `path` (creating the file), or returns nil at once when another
    /// process — or another holder in this one — has it.
    /// - Throws: `SluiceError.io` when the file cannot be opened.
    static func take(_ path: String) throws -> ProcessFileLock? {
        let opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard opened >= 0 else {
            throw SluiceError.io("cannot open the lock file: \(String(cString: strerror(errno)))", at: SourceLocation(file: path))
        }
        guard flock(opened, LOCK_EX | LOCK_NB) == 0 else {
            close(opened)
            return nil
        }
        let pidText = Array("\(getpid())\n".utf8)
        _ = ftruncate(opened, 0)
        _ = pwrite(opened, pidText, pidText.count, 0)
        return ProcessFileLock(path: path, descriptor: opened)
    }

    /// The process id written by the holder of the lock on `path`, as text ("unknown" if none).
    static func owner(of path: String) -> String {
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { return "unknown" }
        defer { close(opened) }
        var bytes = [UInt8](repeating: 0, count: 32)
        let count = pread(opened, &bytes, bytes.count, 0)
        let text = count > 0 ? String(decoding: bytes[0..<count], as: UTF8.self).trimmed : ""
        return text.isEmpty ? "unknown" : text
    }

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { release() }

    /// Gives the lock up.
    func release() {
        mutex.withLock {
            guard descriptor >= 0 else { return }
            close(descriptor)
            descriptor = -1
        }
    }
}
