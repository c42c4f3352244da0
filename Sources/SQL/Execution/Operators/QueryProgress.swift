import SluiceCore

/// How far a running query has read, for a progress bar: scans add the bytes they will read
/// when they start and the bytes done as each morsel finishes.
///
/// Threading: safe from any thread; readers see a consistent pair.
public final class QueryProgress: @unchecked Sendable {
    private let lock = Mutex()
    private var plannedBytes = 0
    private var doneBytes = 0

    public init() {}

    /// Scans call this once with the bytes they expect to read.
    public func addPlanned(bytes: Int) { lock.withLock { plannedBytes += bytes } }

    /// Scans call this as each morsel's bytes are read.
    public func addDone(bytes: Int) { lock.withLock { doneBytes += bytes } }

    /// The fraction read so far, 0...1, or nil before any scan has started.
    public var fractionDone: Double? {
        lock.withLock { plannedBytes == 0 ? nil : min(1, Double(doneBytes) / Double(plannedBytes)) }
    }
}
