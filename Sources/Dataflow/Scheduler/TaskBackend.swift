/// Runs the tasks of a task set somewhere (threads of this process, or workers) with retries, and
/// reports each attempt to `listener`.
public protocol TaskBackend: Sendable {
    /// Slots that run tasks at once; sizes the default parallelism and per-task memory.
    var slotCount: Int { get }

    /// Runs every task until it succeeds or has failed `attemptsMax` times.
    ///
    /// - Returns: one outcome per task, in the task set's order.
    /// - Throws: `TaskSetFailure` for the first task that failed every attempt, or the
    ///   `ShuffleFetchFailure` a task hit (its map stage must run again first).
    func run(_ taskSet: TaskSet, attemptsMax: Int, listener: @escaping @Sendable (JobEvent) -> Void) async throws -> [TaskOutcome]

    /// Stops the backend's threads or connections.
    func shutdown()
}

/// A task that failed every attempt.
public struct TaskSetFailure: Error, Sendable {
    public var partition: Int
    public var attemptCount: Int
    public var cause: String
}
