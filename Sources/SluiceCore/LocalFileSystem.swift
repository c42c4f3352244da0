#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The local disk, through POSIX calls. `create` writes to a hidden temporary name beside the
/// target and renames it into place at `close()`, so a crash or an `abort()` never leaves a
/// partial file under the real name.
public struct LocalFileSystem: FileSystem {
    public init() {}

    public func openForReading(_ path: String) throws -> any ReadableFile {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw LocalFileSystem.error(errno, "cannot open", path) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw LocalFileSystem.error(code, "cannot stat", path)
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            Glibc.close(descriptor)
            throw SluiceError.userInput("'\(path)' is a directory, not a file")
        }
        return LocalReadableFile(path: path, descriptor: descriptor, sizeBytes: Int(info.st_size))
    }

    public func create(_ path: String, overwrite: Bool) throws -> any WritableFile {
        if !overwrite, exists(path) {
            throw SluiceError(.userInput, "'\(path)' already exists", condition: .alreadyExists)
        }
        let parent = LocalFileSystem.parent(of: path)
        if !parent.isEmpty, !exists(parent) { try makeDirectories(parent) }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temporaryPath = (parent.isEmpty ? "" : parent + "/") + ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw LocalFileSystem.error(errno, "cannot create", path) }
        return LocalWritableFile(path: path, temporaryPath: temporaryPath, descriptor: descriptor, overwrite: overwrite)
    }

    public func list(_ path: String) throws -> [FileStatus] {
        let info = try status(path)
        guard info.isDirectory else { return [info] }
        guard let directory = opendir(path) else { throw LocalFileSystem.error(errno, "cannot list", path) }
        defer { closedir(directory) }
        var entries: [FileStatus] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let child = path.hasSuffix("/") ? path + name : path + "/" + name
            if let childStatus = try? status(child) { entries.append(childStatus) }
        }
        return entries.sorted { $0.path < $1.path }
    }

    public func status(_ path: String) throws -> FileStatus {
        var info = stat()
        guard stat(path, &info) == 0 else { throw LocalFileSystem.error(errno, "cannot stat", path) }
        let millis = Int64(info.st_mtim.tv_sec) * 1000 + Int64(info.st_mtim.tv_nsec) / 1_000_000
        return FileStatus(path: path, isDirectory: info.st_mode & S_IFMT == S_IFDIR,
                          sizeBytes: Int(info.st_size), modificationTimeMillis: millis)
    }

    public func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    public func rename(from source: String, to destination: String) throws {
        guard !exists(destination) else {
            throw SluiceError(.userInput, "cannot rename to '\(destination)': it exists", condition: .alreadyExists)
        }
        guard Glibc.rename(source, destination) == 0 else { throw LocalFileSystem.error(errno, "cannot rename", source) }
    }

    public func delete(_ path: String, recursive: Bool) throws {
        guard let info = try? status(path) else { return }
        if info.isDirectory {
            if recursive {
                for child in try list(path) { try delete(child.path, recursive: true) }
            }
            guard rmdir(path) == 0 else { throw LocalFileSystem.error(errno, "cannot delete", path) }
        } else {
            guard unlink(path) == 0 else { throw LocalFileSystem.error(errno, "cannot delete", path) }
        }
    }

    public func makeDirectories(_ path: String) throws {
        if exists(path) {
            guard try status(path).isDirectory else { throw SluiceError.userInput("'\(path)' exists and is not a directory") }
            return
        }
        let parent = LocalFileSystem.parent(of: path)
        if !parent.isEmpty, parent != path { try makeDirectories(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw LocalFileSystem.error(errno, "cannot create directory", path) }
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func error(_ code: Int32, _ action: String, _ path: String) -> SluiceError {
        let reason = String(cString: strerror(code))
        switch code {
        case ENOENT, ENOTDIR:
            return SluiceError(.userInput, "\(action) '\(path)': \(reason)", condition: .notFound)
        case EEXIST:
            return SluiceError(.userInput, "\(action) '\(path)': \(reason)", condition: .alreadyExists)
        case EISDIR, EACCES:
            return .userInput("\(action) '\(path)': \(reason)")
        default:
            return .io("\(action) '\(path)': \(reason)")
        }
    }
}

final class LocalReadableFile: ReadableFile, @unchecked Sendable {
    // Sendable: the descriptor is only used with pread, which carries its own offset.
    let path: String
    let descriptor: Int32
    let sizeBytes: Int

    init(path: String, descriptor: Int32, sizeBytes: Int) {
        self.path = path
        self.descriptor = descriptor
        self.sizeBytes = sizeBytes
    }

    func read(offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset + count <= sizeBytes else {
            throw SluiceError.data("read of \(count) bytes at offset \(offset) runs past the end (\(sizeBytes) bytes)",
                                   at: SourceLocation(file: path, byteOffset: offset))
        }
        return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let result = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if result < 0 {
                    if errno == EINTR { continue }
                    throw LocalFileSystem.error(errno, "cannot read", path)
                }
                if result == 0 {
                    throw SluiceError.data("file ended early", at: SourceLocation(file: path, byteOffset: offset + done))
                }
                done += result
            }
            initialized = count
        }
    }

    func close() throws {}

    deinit { Glibc.close(descriptor) }
}

final class LocalWritableFile: WritableFile {
    let path: String
    let temporaryPath: String
    let overwrite: Bool
    var descriptor: Int32
    private(set) var position = 0

    init(path: String, temporaryPath: String, descriptor: Int32, overwrite: Bool) {
        self.path = path
        self.temporaryPath = temporaryPath
        self.descriptor = descriptor
        self.overwrite = overwrite
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard descriptor >= 0 else { throw SluiceError.internal("write to closed file '\(path)'") }
        var done = 0
        while done < bytes.count {
            let result = Glibc.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if result < 0 {
                if errno == EINTR { continue }
                throw LocalFileSystem.error(errno, "cannot write", path)
            }
            done += result
        }
        position += bytes.count
    }

    func close() throws {
        guard descriptor >= 0 else { return }
        defer { descriptor = -1 }
        guard fsync(descriptor) == 0 else {
            let code = errno
            Glibc.close(descriptor)
            unlink(temporaryPath)
            throw LocalFileSystem.error(code, "cannot sync", path)
        }
        Glibc.close(descriptor)
        if overwrite {
            guard Glibc.rename(temporaryPath, path) == 0 else {
                let code = errno
                unlink(temporaryPath)
                throw LocalFileSystem.error(code, "cannot publish", path)
            }
        } else {
            // link() fails when the target exists, so two writers cannot both win.
            guard link(temporaryPath, path) == 0 else {
                let code = errno
                unlink(temporaryPath)
                throw LocalFileSystem.error(code, "cannot publish", path)
            }
            unlink(temporaryPath)
        }
    }

    func abort() {
        guard descriptor >= 0 else { return }
        Glibc.close(descriptor)
        descriptor = -1
        unlink(temporaryPath)
    }

    deinit { abort() }
}
