#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// Keeps a topic store's folder to one process: an exclusive `flock` on `DIR/.lock`, which
/// also holds the owner's process id for the message another process gets. The kernel drops
/// the lock when its process dies, however it dies, so a crashed owner never blocks a restart.
///
/// Thread-safe: `release` may be called from any thread, more than once.
final class TopicStoreLock: @unchecked Sendable {
    // Sendable: `descriptor` is touched only under `mutex`.
    private let mutex = Mutex()
    private var descriptor: Int32
    let path: String

    /// Takes the lock or fails at once.
    /// - Throws: `SluiceError.userInput` naming the folder and the owner's process id when
    ///   another process (or another open store in this one) has it; `.io` when the file cannot be made.
    init(directory: String) throws {
        path = directory + "/.lock"
        let opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard opened >= 0 else {
            throw SluiceError.io("cannot open the topic store's lock file: \(String(cString: strerror(errno)))", at: SourceLocation(file: path))
        }
        guard flock(opened, LOCK_EX | LOCK_NB) == 0 else {
            var owner = [UInt8](repeating: 0, count: 32)
            let count = pread(opened, &owner, owner.count, 0)
            close(opened)
            let ownerText = count > 0 ? String(decoding: owner[0..<count], as: UTF8.self).trimmed : "unknown"
            throw SluiceError.userInput(
                "the topic store in '\(directory)' is open in another process (pid \(ownerText)); "
                + "talk to that process's broker with --broker HOST:PORT, or stop it first")
        }
        descriptor = opened
        let pidText = Array("\(getpid())\n".utf8)
        _ = ftruncate(opened, 0)
        _ = pwrite(opened, pidText, pidText.count, 0)
    }

    deinit { release() }

    /// Gives the lock up; the store must not be used afterwards.
    func release() {
        mutex.withLock {
            guard descriptor >= 0 else { return }
            close(descriptor)
            descriptor = -1
        }
    }
}
