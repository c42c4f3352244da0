#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a user's location text into a file system and a path. The local disk is always known;
/// the block store client registers a factory for `dfs://` when it is linked in.
public final class FileSystemRegistry: @unchecked Sendable {
    // Sendable: `factories` is guarded by `lock`.
    public typealias Factory = @Sendable (_ authority: String) throws -> any FileSystem

    public static let shared = FileSystemRegistry()

    private let lock = Mutex()
    private var factories: [FileURI.Scheme: Factory] = [:]

    public init() {}

    public func register(_ scheme: FileURI.Scheme, factory: @escaping Factory) {
        lock.withLock { factories[scheme] = factory }
    }

    /// The file system and absolute path for a location.
    /// - Throws: `SluiceError` (user input) for a scheme nothing serves.
    public func resolve(_ text: String) throws -> (fileSystem: any FileSystem, path: String) {
        let uri = try FileURI(parsing: text, workingDirectory: FileSystemRegistry.currentDirectory())
        return (try fileSystem(for: uri), uri.path)
    }

    public func fileSystem(for uri: FileURI) throws -> any FileSystem {
        if uri.scheme == .file { return LocalFileSystem() }
        guard let factory = lock.withLock({ factories[uri.scheme] }) else {
            throw SluiceError.userInput("no file system serves \(uri.scheme.rawValue):// in this build")
        }
        return try factory(uri.authority ?? "")
    }

    public static func currentDirectory() -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let found = buffer.withUnsafeMutableBufferPointer { pointer in
            pointer.withMemoryRebound(to: CChar.self) { getcwd($0.baseAddress, $0.count) != nil }
        }
        guard found, let end = buffer.firstIndex(of: 0) else { return "/" }
        return String(decoding: buffer[..<end], as: UTF8.self)
    }
}

/// A small pthread mutex for state that is touched briefly from any thread.
public final class Mutex: @unchecked Sendable {
    private var mutex = pthread_mutex_t()

    public init() { pthread_mutex_init(&mutex, nil) }

    deinit { pthread_mutex_destroy(&mutex) }

    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}
