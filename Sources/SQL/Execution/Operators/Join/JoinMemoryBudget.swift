import SluiceCore

/// Counts the bytes a join's build side holds, from every draining thread, and tells when they
/// pass the memory limit (a hash join then partitions its inputs to disk; a nested-loop join
/// fails the query).
///
/// Threading: safe from any thread.
final class JoinMemoryBudget: @unchecked Sendable {
    private let lock = Mutex()
    private var usedBytes = 0
    private var isExceeded = false
    let limitBytes: Int

    init(limitBytes: Int) {
        self.limitBytes = limitBytes
    }

    /// Adds a batch's bytes.
    /// - Throws: `SluiceError` (user input) when the total passes the limit (for a side that
    ///   cannot be partitioned).
    func add(_ batch: RecordBatch, extraBytes: Int = 0) throws {
        if !fits(adding: batch, extraBytes: extraBytes) {
            throw SluiceError.userInput(
                "the build side of a join needs more than the memory limit of \(limitBytes) bytes; raise the memory limit")
        }
    }

    /// Adds a batch's bytes.
    /// - Returns: false when the total has passed the limit (now or before).
    func fits(adding batch: RecordBatch, extraBytes: Int = 0) -> Bool {
        let bytes = Self.estimatedBytes(batch.columns) + extraBytes
        return lock.withLock {
            usedBytes += bytes
            if usedBytes > limitBytes { isExceeded = true }
            return !isExceeded
        }
    }

    /// Whether the total has passed the limit at some point.
    var hasExceededLimit: Bool { lock.withLock { isExceeded } }

    /// The bytes of the columns' value buffers and bitmaps.
    static func estimatedBytes(_ columns: [Column]) -> Int {
        columns.reduce(0) { total, column in
            let validityBytes = column.validity.map { $0.words.count * 8 } ?? 0
            let valueBytes: Int = switch column.values {
            case .boolean(let values): values.count
            case .int32(let values): values.count * 4
            case .int64(let values): values.count * 8
            case .int128(let values): values.count * 16
            case .float64(let values): values.count * 8
            case .bytes(let buffer): buffer.bytes.count + buffer.offsets.count * 8
            }
            return total + validityBytes + valueBytes
        }
    }
}
