import SluiceCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stops a running query from another thread, waking it if it waits for the next trigger.
///
/// Thread-safe.
public final class StopToken: @unchecked Sendable {
    // Sendable: `stopped` is guarded by `mutex`, and waits use `condition`.
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()
    private var stopped = false

    public init() {
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&condition, nil)
    }

    deinit {
        pthread_cond_destroy(&condition)
        pthread_mutex_destroy(&mutex)
    }

    public var isStopped: Bool {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return stopped
    }

    /// Asks the query to stop after the batch it is running.
    public func stop() {
        pthread_mutex_lock(&mutex)
        stopped = true
        pthread_cond_broadcast(&condition)
        pthread_mutex_unlock(&mutex)
    }

    /// Waits up to `millis` or until stopped.
    public func wait(millis: Int64) {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        guard !stopped, millis > 0 else { return }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let totalNanos = Int64(now.tv_nsec) + (millis % 1000) * 1_000_000
        var deadline = timespec()
        deadline.tv_sec = now.tv_sec + Int(millis / 1000) + Int(totalNanos / 1_000_000_000)
        deadline.tv_nsec = Int(totalNanos % 1_000_000_000)
        _ = pthread_cond_timedwait(&condition, &mutex, &deadline)
    }
}
