import Foundation
import SluiceCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file operations of the namenode directory, with the syncs that make them durable. Every
/// failure is a `SluiceError.io` naming the file.
enum NamespaceFiles {
    static func names(in directory: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw SluiceError.io("cannot list namenode directory \(directory): \(error)")
        }
    }

    static func createDirectory(_ directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SluiceError.io("cannot create namenode directory \(directory): \(error)")
        }
    }

    static func readAll(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SluiceError.io("cannot read \(path)")
        }
        return [UInt8](data)
    }

    static func truncate(_ path: String, toLengthBytes length: Int) throws {
        let descriptor = open(path, O_WRONLY)
        guard descriptor >= 0 else { throw failure("open", path) }
        defer { closeDescriptor(descriptor) }
        guard ftruncate(descriptor, off_t(length)) == 0 else { throw failure("truncate", path) }
        guard fsync(descriptor) == 0 else { throw failure("fsync", path) }
    }

    /// Opens `path` for appending, creating it empty (replacing any file of that name), and
    /// makes its directory entry durable.
    static func createForAppend(_ path: String) throws -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("create", path) }
        do {
            try syncDirectory(of: path)
        } catch {
            closeDescriptor(descriptor)
            throw error
        }
        return descriptor
    }

    /// Writes all of `bytes` at the descriptor's position.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw failure("write", path)
            }
            written += result
        }
    }

    static func dataSync(_ descriptor: Int32, path: String) throws {
        guard fdatasync(descriptor) == 0 else { throw failure("fdatasync", path) }
    }

    /// Replaces `path` with `bytes` so a crash leaves either the old or the new file: write a
    /// temporary file, sync it, rename it over, sync the directory.
    static func writeDurably(_ bytes: [UInt8], to path: String) throws {
        let temporaryPath = path + ".tmp"
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("create", temporaryPath) }
        do {
            try writeAll(descriptor, bytes, path: temporaryPath)
            guard fsync(descriptor) == 0 else { throw failure("fsync", temporaryPath) }
        } catch {
            closeDescriptor(descriptor)
            throw error
        }
        closeDescriptor(descriptor)
        guard rename(temporaryPath, path) == 0 else { throw failure("rename", temporaryPath) }
        try syncDirectory(of: path)
    }

    static func remove(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else { throw failure("remove", path) }
    }

    static func syncDirectory(of path: String) throws {
        let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            .joined(separator: "/")
        let descriptor = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("open directory", directory) }
        defer { closeDescriptor(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("fsync directory", directory) }
    }

    static func closeDescriptor(_ descriptor: Int32) {
        _ = close(descriptor)
    }

    private static func failure(_ operation: String, _ path: String) -> SluiceError {
        SluiceError.io("cannot \(operation) \(path): \(String(cString: strerror(errno)))")
    }
}
