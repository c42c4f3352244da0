/// What the engine needs from a file system. Every reader and writer in Sluice goes through it,
/// so tables and jobs work the same on the local disk and in the block store.
///
/// Calls block the calling thread, like Hadoop's `FileSystem`: data-path work runs on task
/// threads, and a network implementation waits on its own event loops. Paths are absolute
/// within the file system (`/data/x.parquet`); use `FileURI` to turn a user's text into a
/// file system and a path.
public protocol FileSystem: Sendable {
    /// Opens a file for random-access reads.
    /// - Throws: `SluiceError` (user input) when the file does not exist, (I/O) otherwise.
    func openForReading(_ path: String) throws -> any ReadableFile

    /// Creates a file for sequential writes; its bytes become visible at `close()`.
    /// - Parameter overwrite: replace an existing file instead of failing.
    func create(_ path: String, overwrite: Bool) throws -> any WritableFile

    /// The entries of a directory, sorted by name; a file lists itself.
    func list(_ path: String) throws -> [FileStatus]

    /// Facts about one path.
    /// - Throws: `SluiceError` (user input) when nothing is there.
    func status(_ path: String) throws -> FileStatus

    /// Whether anything exists at the path.
    func exists(_ path: String) -> Bool

    /// Moves a file or directory; fails if the destination exists.
    func rename(from source: String, to destination: String) throws

    /// Deletes a file, or a directory (with its contents when `recursive`). Deleting a missing
    /// path is not an error.
    func delete(_ path: String, recursive: Bool) throws

    /// Creates a directory and any missing parents.
    func makeDirectories(_ path: String) throws
}

/// A file open for reads at any offset. Safe to share between threads.
public protocol ReadableFile: Sendable {
    /// The file's length in bytes.
    var sizeBytes: Int { get }
    /// Reads exactly `count` bytes at `offset`.
    /// - Throws: `SluiceError` (data) when the range runs past the end of the file.
    func read(offset: Int, count: Int) throws -> [UInt8]
    func close() throws
}

/// A file open for appending. One writer; not shared between threads.
public protocol WritableFile: AnyObject {
    /// Bytes written so far.
    var position: Int { get }
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Flushes to stable storage and publishes the file.
    func close() throws
    /// Gives up: the file is removed and nothing is published.
    func abort()
}

extension WritableFile {
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}

/// Facts about a path.
public struct FileStatus: Sendable, Equatable {
    public var path: String
    public var isDirectory: Bool
    public var sizeBytes: Int
    /// Milliseconds since the epoch.
    public var modificationTimeMillis: Int64

    public init(path: String, isDirectory: Bool, sizeBytes: Int, modificationTimeMillis: Int64) {
        self.path = path
        self.isDirectory = isDirectory
        self.sizeBytes = sizeBytes
        self.modificationTimeMillis = modificationTimeMillis
    }

    /// The last path component.
    public var name: String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

extension FileSystem {
    /// Reads a whole file.
    public func readAll(_ path: String) throws -> [UInt8] {
        let file = try openForReading(path)
        defer { try? file.close() }
        return try file.read(offset: 0, count: file.sizeBytes)
    }

    /// Writes a whole file at once.
    public func write(_ bytes: [UInt8], to path: String, overwrite: Bool = true) throws {
        let file = try create(path, overwrite: overwrite)
        do {
            try file.write(bytes)
            try file.close()
        } catch {
            file.abort()
            throw error
        }
    }
}
