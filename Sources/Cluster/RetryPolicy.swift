/// Retries with exponential backoff and jitter, for calls to nodes that may be restarting.
public struct RetryPolicy: Sendable {
    public var attemptCountMax: Int
    public var initialDelayMillis: Int
    public var delayMillisMax: Int

    public init(attemptCountMax: Int = 5, initialDelayMillis: Int = 100, delayMillisMax: Int = 5_000) {
        self.attemptCountMax = attemptCountMax
        self.initialDelayMillis = initialDelayMillis
        self.delayMillisMax = delayMillisMax
    }

    /// The pause before attempt `attempt` (1-based retries): doubling, capped, with up to 50%
    /// jitter so many clients do not retry in step.
    public func delayMillis(beforeRetry attempt: Int, using random: inout some RandomNumberGenerator) -> Int {
        let doubled = initialDelayMillis << min(attempt - 1, 20)
        let capped = min(doubled, delayMillisMax)
        return capped / 2 + Int.random(in: 0...max(capped / 2, 0), using: &random)
    }

    /// The longest pause a node's `retryAfterMillis` makes a retry wait.
    public static let askedPauseMillisMax: Int64 = 30_000

    /// Runs `body` until it succeeds, `shouldRetry` says no, or attempts run out. Between tries
    /// it pauses `delayMillis`, or longer when the error is a `RemoteCallError` asking for more.
    /// - Throws: the last error.
    public func run<T: Sendable>(
        shouldRetry: @Sendable (any Error) -> Bool = { _ in true },
        _ body: @Sendable () async throws -> T
    ) async throws -> T {
        var random = SystemRandomNumberGenerator()
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch {
                guard attempt < attemptCountMax, shouldRetry(error), !Task.isCancelled else { throw error }
                // A node that says how long to wait (Retry-After) is waited for, up to a bound.
                let asked = (error as? RemoteCallError)?.retryAfterMillis.map { Int(min($0, Self.askedPauseMillisMax)) } ?? 0
                let pause = max(delayMillis(beforeRetry: attempt, using: &random), asked)
                try await Task.sleep(nanoseconds: UInt64(pause) * 1_000_000)
                attempt += 1
            }
        }
    }
}
