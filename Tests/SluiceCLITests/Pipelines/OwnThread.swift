import Foundation

/// Runs blocking test code (broker client calls, waiting for child processes) on a thread of its
/// own, so it never holds one of the few cooperative threads Swift concurrency has.
enum OwnThread {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
