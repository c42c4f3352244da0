import SluiceCore

/// Sample records for a pipeline's topic — what `sluice demo stream` produces while the
/// pipeline runs. Each call gives the next record at a wall-clock time.
///
/// Thread-safe: calls are serialized by a lock, so one source may feed several producers.
public final class SampleEventSource: @unchecked Sendable {
    // Sendable: `makeNext` and its captured state are used only under `lock`.
    private let lock = Mutex()
    private let makeNext: (Int64) -> LogRecord

    /// - Parameter next: the next record at the given time (milliseconds since the epoch); it
    ///   may keep state, it is never called concurrently.
    public init(_ next: @escaping (Int64) -> LogRecord) {
        makeNext = next
    }

    public func next(nowMillis: Int64) -> LogRecord {
        lock.withLock { makeNext(nowMillis) }
    }
}
