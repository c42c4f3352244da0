import Foundation

/// Runs blocking work (a pipeline run, a batch layer that waits on its job) on a thread of its
/// own, so it never holds one of the few threads Swift's tasks share: blocked there, it could
/// starve the very tasks it waits for.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
