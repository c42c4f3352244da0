#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore
import Synchronization

/// Numbers spill files so that sorters sharing a spill directory in one process never collide;
/// the process id separates processes.
private let spillFileSerial = Atomic<Int>(0)

/// The few POSIX calls the sorted shuffle makes on its spill and map output files, with typed
/// errors that name the file.
///
/// Positional reads and writes (`pread`/`pwrite`) are used throughout, so one descriptor never
/// depends on a shared file offset.
@usableFromInline
enum ShuffleFileIO {
    /// Creates `path` for writing; it must not exist yet when `exclusive` is set.
    ///
    /// - Throws: `SluiceError.io` naming the path (with `.alreadyExists` when `exclusive` found a file).
    static func create(_ path: String, exclusive: Bool) throws(SluiceError) -> Int32 {
        var flags = O_WRONLY | O_CREAT | O_CLOEXEC
        flags |= exclusive ? O_EXCL : O_TRUNC
        while true {
            let descriptor = open(path, flags, 0o644)
            if descriptor >= 0 { return descriptor }
            if errno == EINTR { continue }
            throw error(errno, "cannot create", path)
        }
    }

    /// Opens `path` for reading.
    ///
    /// - Throws: `SluiceError.io` naming the path (with `.notFound` when it does not exist).
    static func openForReading(_ path: String) throws(SluiceError) -> Int32 {
        while true {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            if descriptor >= 0 { return descriptor }
            if errno == EINTR { continue }
            throw error(errno, "cannot open", path)
        }
    }

    /// Writes all of `bytes` at `fileOffset`, looping over short writes.
    ///
    /// - Throws: `SluiceError.io` naming the path and the offset.
    @usableFromInline
    static func writeFully(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, atFileOffset fileOffset: Int,
                           path: String) throws(SluiceError) {
        guard let base = bytes.baseAddress else { return }
        var writtenByteCount = 0
        while writtenByteCount < bytes.count {
            let result = pwrite(descriptor, base + writtenByteCount, bytes.count - writtenByteCount,
                                off_t(fileOffset + writtenByteCount))
            if result < 0 {
                if errno == EINTR { continue }
                throw error(errno, "cannot write", path, byteOffset: fileOffset + writtenByteCount)
            }
            writtenByteCount += result
        }
    }

    /// Reads up to `destination.count` bytes at `fileOffset`, looping over short reads; returns
    /// fewer only where the file ends.
    ///
    /// - Throws: `SluiceError.io` naming the path and the offset.
    @usableFromInline
    static func readFully(_ descriptor: Int32, into destination: UnsafeMutableRawBufferPointer, atFileOffset fileOffset: Int,
                          path: String) throws(SluiceError) -> Int {
        guard let base = destination.baseAddress else { return 0 }
        var readByteCount = 0
        while readByteCount < destination.count {
            let result = pread(descriptor, base + readByteCount, destination.count - readByteCount,
                               off_t(fileOffset + readByteCount))
            if result < 0 {
                if errno == EINTR { continue }
                throw error(errno, "cannot read", path, byteOffset: fileOffset + readByteCount)
            }
            if result == 0 { break }
            readByteCount += result
        }
        return readByteCount
    }

    /// Closes a descriptor opened for writing; a failed close can mean lost data, so it throws.
    ///
    /// - Throws: `SluiceError.io` naming the path.
    static func closeAfterWriting(_ descriptor: Int32, path: String) throws(SluiceError) {
        guard close(descriptor) == 0 else { throw error(errno, "cannot close", path) }
    }

    /// Closes a descriptor whose file is being read or abandoned, where a failure changes nothing.
    @usableFromInline
    static func closeQuietly(_ descriptor: Int32) {
        _ = close(descriptor)
    }

    /// A path in `directory` for a new spill file, unique within this process and among processes.
    @usableFromInline
    static func newSpillFilePath(in directory: String) -> String {
        let serial = spillFileSerial.wrappingAdd(1, ordering: .relaxed).oldValue
        return "\(directory)/map-output-spill-\(getpid())-\(serial).seg"
    }

    /// Renames `source` to `destination`, replacing it; returns false when they are on different
    /// file systems (the caller copies instead).
    ///
    /// - Throws: `SluiceError.io` naming the destination for any other failure.
    @usableFromInline
    static func renameWithinFileSystem(from source: String, to destination: String) throws(SluiceError) -> Bool {
        if rename(source, destination) == 0 { return true }
        if errno == EXDEV { return false }
        throw error(errno, "cannot move '\(source)' to", destination)
    }

    /// Removes a file; a file already gone is not an error, since removal is cleanup.
    @usableFromInline
    static func removeIfPresent(_ path: String) {
        _ = unlink(path)
    }

    @usableFromInline
    static func error(_ code: Int32, _ action: String, _ path: String, byteOffset: Int? = nil) -> SluiceError {
        let reason = String(cString: strerror(code))
        let location = SourceLocation(file: path, byteOffset: byteOffset)
        switch code {
        case ENOENT:
            return SluiceError(.io, "\(action) '\(path)': \(reason)", at: location, condition: .notFound)
        case EEXIST:
            return SluiceError(.io, "\(action) '\(path)': \(reason)", at: location, condition: .alreadyExists)
        default:
            return SluiceError(.io, "\(action) '\(path)': \(reason)", at: location)
        }
    }
}
