#if canImport(Glibc)
import Glibc
#endif
import SluiceCore

/// Runs async work from synchronous code (the `FileSystem` protocol, CLI commands) by blocking
/// the calling thread until it finishes. Never call it from inside a Swift concurrency task: it
/// would hold one of the few cooperative threads while it waits.
public enum BlockingBridge {
    public static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let semaphore = UnsafeSemaphore()
        Task {
            do {
                box.set(.success(try await body()))
            } catch {
                box.set(.failure(error))
            }
            semaphore.signal()
        }
        semaphore.wait()
        return try box.get()
    }
}

private final class ResultBox<T: Sendable>: @unchecked Sendable {
    // Sendable: `result` is written once before the semaphore signals and read after it.
    private var result: Result<T, any Error>?

    func set(_ value: Result<T, any Error>) { result = value }

    func get() throws -> T {
        guard let result else { throw SluiceError.internal("blocking call finished without a result") }
        return try result.get()
    }
}

/// A POSIX semaphore (no Foundation, no Dispatch).
private final class UnsafeSemaphore: @unchecked Sendable {
    // Sendable: sem_t is made for cross-thread use.
    private var semaphore = sem_t()

    init() { sem_init(&semaphore, 0, 0) }

    deinit { sem_destroy(&semaphore) }

    func signal() { sem_post(&semaphore) }

    func wait() {
        while sem_wait(&semaphore) != 0 && errno == EINTR {}
    }
}
