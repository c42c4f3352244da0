import Cluster
import SluiceCore

/// The block store as a Sluice `FileSystem` (`dfs://HOST:PORT/path`), so tables and jobs run on
/// it unchanged. Like the local file system, a created file appears only when closed: bytes go to
/// a hidden temporary name first and are renamed into place at `close()`, and the rename fails
/// when the name was taken meanwhile (exclusive create for commits).
///
/// Thread-safety: immutable; calls block the calling thread (never call from a Swift task).
public struct BlockStoreFileSystem: FileSystem {
    public let client: DFSClient

    public init(client: DFSClient) {
        self.client = client
    }

    public init(namenodeAddress: String) {
        self.init(client: DFSClient(namenodeAddress: namenodeAddress))
    }

    /// Makes `dfs://` locations resolve to the block store in this process.
    public static func registerForDFSScheme() {
        FileSystemRegistry.shared.register(.dfs) { authority in
            BlockStoreFileSystem(namenodeAddress: authority)
        }
    }

    public static func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        do {
            return try BlockingBridge.run(body)
        } catch let error as BlockStoreError {
            throw error.sluiceError
        }
    }

    public func openForReading(_ path: String) throws -> any ReadableFile {
        let client = self.client
        let stream = try Self.blocking { try await client.open(path) }
        return BlockStoreReadableFile(stream: stream)
    }

    public func create(_ path: String, overwrite: Bool) throws -> any WritableFile {
        let client = self.client
        if !overwrite, exists(path) {
            throw SluiceError(.userInput, "\(path) already exists", condition: .alreadyExists)
        }
        let name = path.split(separator: "/").last.map(String.init) ?? "file"
        let parent = String(path.dropLast(name.count))
        let temporaryPath = "\(parent).\(name).sluice-\(UInt64.random(in: 0...UInt64.max))"
        let stream = try Self.blocking { try await client.create(temporaryPath, overwrite: false) }
        return BlockStoreWritableFile(stream: stream, client: client, temporaryPath: temporaryPath, finalPath: path, overwrite: overwrite)
    }

    public func list(_ path: String) throws -> [FileStatus] {
        let client = self.client
        let entries = try Self.blocking { try await client.list(path) }
        let base = path.hasSuffix("/") ? path : path + "/"
        return entries.map { entry in
            FileStatus(
                path: entry.pathSuffix.isEmpty ? path : base + entry.pathSuffix, isDirectory: entry.isDirectory,
                sizeBytes: Int(entry.length), modificationTimeMillis: entry.modificationTime)
        }.sorted { $0.path < $1.path }
    }

    public func status(_ path: String) throws -> FileStatus {
        let client = self.client
        let entry = try Self.blocking { try await client.status(path) }
        return FileStatus(path: path, isDirectory: entry.isDirectory, sizeBytes: Int(entry.length), modificationTimeMillis: entry.modificationTime)
    }

    public func exists(_ path: String) -> Bool {
        (try? status(path)) != nil
    }

    public func rename(from source: String, to destination: String) throws {
        let client = self.client
        if exists(destination) {
            throw SluiceError(.userInput, "cannot rename \(source) to \(destination): it exists", condition: .alreadyExists)
        }
        let renamed = try Self.blocking { try await client.rename(source, to: destination) }
        guard renamed else {
            if exists(destination) {
                throw SluiceError(.userInput, "cannot rename \(source) to \(destination): it exists", condition: .alreadyExists)
            }
            throw SluiceError(.userInput, "cannot rename \(source) to \(destination)", condition: .notFound)
        }
    }

    public func delete(_ path: String, recursive: Bool) throws {
        let client = self.client
        _ = try Self.blocking { try await client.delete(path, recursive: recursive) }
    }

    public func makeDirectories(_ path: String) throws {
        let client = self.client
        _ = try Self.blocking { try await client.makeDirectories(path) }
    }
}

/// A block store file open for reads through the blocking bridge.
final class BlockStoreReadableFile: ReadableFile {
    let stream: DFSInputStream

    init(stream: DFSInputStream) { self.stream = stream }

    var sizeBytes: Int { Int(stream.lengthBytes) }

    func read(offset: Int, count: Int) throws -> [UInt8] {
        let stream = self.stream
        return try BlockStoreFileSystem.blocking { try await stream.read(offset: Int64(offset), count: count) }
    }

    func close() throws {}
}

/// A block store file being written under a temporary name; published by rename at close.
final class BlockStoreWritableFile: WritableFile {
    let stream: DFSOutputStream
    let client: DFSClient
    let temporaryPath: String
    let finalPath: String
    let overwrite: Bool

    init(stream: DFSOutputStream, client: DFSClient, temporaryPath: String, finalPath: String, overwrite: Bool) {
        self.stream = stream
        self.client = client
        self.temporaryPath = temporaryPath
        self.finalPath = finalPath
        self.overwrite = overwrite
    }

    var position: Int { Int(stream.position) }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            offset += stream.append(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
            if stream.needsSending {
                let stream = self.stream
                try BlockStoreFileSystem.blocking { try await stream.sendReady() }
            }
        }
    }

    func close() throws {
        let stream = self.stream
        let client = self.client
        let temporaryPath = self.temporaryPath
        let finalPath = self.finalPath
        let overwrite = self.overwrite
        let published = try BlockStoreFileSystem.blocking { () -> Bool in
            try await stream.close()
            if overwrite { try await client.delete(finalPath, recursive: false) }
            return try await client.rename(temporaryPath, to: finalPath)
        }
        guard published else {
            abort()
            throw SluiceError(.userInput, "\(finalPath) already exists", condition: .alreadyExists)
        }
    }

    func abort() {
        let client = self.client
        let temporaryPath = self.temporaryPath
        _ = try? BlockStoreFileSystem.blocking { try await client.delete(temporaryPath, recursive: false) }
    }
}
