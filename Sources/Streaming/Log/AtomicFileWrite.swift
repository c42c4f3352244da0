#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// Replaces small metadata files (manifests, topic settings, committed offsets) so that a crash
/// leaves either the old content or the new, never a mix: the bytes go to a temporary file that
/// is synced, renamed over the target, and the folder is synced so the rename itself survives.
///
/// Not for concurrent writers of the same path: callers serialize those.
enum AtomicFileWrite {
    /// Writes `bytes` as the whole content of `path`.
    /// - Throws: `SluiceError.io` (or user input for a missing folder) when any step fails.
    static func replace(_ path: String, with bytes: [UInt8]) throws {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporaryPath = (folder.isEmpty ? "" : folder + "/") + "." + name + ".tmp"
        let file = try SegmentFile(path: temporaryPath)
        do {
            try file.truncate(toBytes: 0)
            try file.write(bytes, at: 0)
            try file.sync()
            file.close()
        } catch {
            file.close()
            unlink(temporaryPath)
            throw error
        }
        guard rename(temporaryPath, path) == 0 else {
            let code = errno
            unlink(temporaryPath)
            throw SegmentFile.error(code, "cannot rename into", path)
        }
        try syncDirectory(folder.isEmpty ? "/" : folder)
    }

    /// Forces a folder's entries (created, renamed or deleted names) to stable storage.
    static func syncDirectory(_ directory: String) throws {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SegmentFile.error(errno, "cannot open", directory) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw SegmentFile.error(errno, "cannot sync", directory) }
    }
}
