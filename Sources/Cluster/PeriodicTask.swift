/// Runs work every interval in the background (heartbeats, monitors) until cancelled. A failure
/// of one round is handed to `onFailure` and the next round runs anyway.
public enum PeriodicTask {
    public static func start(
        intervalMillis: Int,
        onFailure: @escaping @Sendable (any Error) -> Void = { _ in },
        _ work: @escaping @Sendable () async throws -> Void
    ) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                do {
                    try await work()
                } catch is CancellationError {
                    return
                } catch {
                    onFailure(error)
                }
                try? await Task.sleep(nanoseconds: UInt64(intervalMillis) * 1_000_000)
            }
        }
    }
}
