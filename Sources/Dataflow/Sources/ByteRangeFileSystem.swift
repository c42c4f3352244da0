import SluiceCore

/// A read-only file system holding one file: a `ByteRangeFile` under the real file's path, so a
/// format reader that opens files by path reads the range, and its error messages name the real
/// file. Every other operation is a bug in the caller.
struct ByteRangeFileSystem: FileSystem {
    let path: String
    let file: ByteRangeFile

    func openForReading(_ path: String) throws -> any ReadableFile {
        guard path == self.path else { throw unsupported("open \(path)") }
        return file
    }

    func create(_ path: String, overwrite: Bool) throws -> any WritableFile { throw unsupported("create \(path)") }

    func list(_ path: String) throws -> [FileStatus] { [try status(path)] }

    func status(_ path: String) throws -> FileStatus {
        guard path == self.path else { throw unsupported("status of \(path)") }
        return FileStatus(path: path, isDirectory: false, sizeBytes: file.sizeBytes, modificationTimeMillis: 0)
    }

    func exists(_ path: String) -> Bool { path == self.path }

    func rename(from source: String, to destination: String) throws { throw unsupported("rename \(source)") }

    func delete(_ path: String, recursive: Bool) throws { throw unsupported("delete \(path)") }

    func makeDirectories(_ path: String) throws { throw unsupported("make \(path)") }

    private func unsupported(_ what: String) -> SluiceError {
        .internal("a split's byte range view cannot \(what)")
    }
}
