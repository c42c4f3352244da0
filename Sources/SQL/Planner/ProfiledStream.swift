import SluiceCore
#if canImport(Glibc)
import Glibc
#endif

/// Wraps an operator for `EXPLAIN ANALYZE`: counts the rows and batches it returns and the
/// time spent in its `next()` (its inputs included; summed over threads).
final class ProfiledStream: BatchStream, @unchecked Sendable {
    let inner: any BatchStream
    private let lock = Mutex()
    private var rows = 0
    private var batches = 0
    private var nanoseconds: UInt64 = 0

    init(_ inner: any BatchStream) { self.inner = inner }

    var schema: Schema { inner.schema }
    var operatorName: String { inner.operatorName }
    var operatorDetails: String { inner.operatorDetails }
    var inputs: [any BatchStream] { inner.inputs }

    func next() throws -> RecordBatch? {
        let start = Self.now()
        let batch = try inner.next()
        let elapsed = Self.now() - start
        lock.withLock {
            nanoseconds += elapsed
            if let batch {
                rows += batch.rowCount
                batches += 1
            }
        }
        return batch
    }

    /// "rows=1,234 time=0.012s".
    var summary: String {
        lock.withLock { "rows=\(rows) time=\(String(format3: Double(nanoseconds) / 1e9))s" }
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
