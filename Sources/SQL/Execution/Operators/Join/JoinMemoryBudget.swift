import SluiceCore

/// Counts the bytes a join's build side holds, from every draining thread, and fails the query
/// once they pass the memory limit.
///
/// Threading: safe from any thread.
final class JoinMemoryBudget: @unchecked Sendable {
    private let lock = Mutex()
    private var usedBytes = 0
    let limitBytes: Int

    init(limitBytes: Int) {
        self.limitBytes = limitBytes
    }

    /// Adds a batch's bytes.
    /// - Throws: `SluiceError` (user input) when the total passes the limit.
    func add(_ batch: RecordBatch, extraBytes: Int = 0) throws {
        let bytes = Self.estimatedBytes(batch.columns) + extraBytes
        let total = lock.withLock {
            usedBytes += bytes
            return usedBytes
        }
        if total > limitBytes {
            throw SluiceError.userInput(
                "the build side of a join needs more than the memory limit of \(limitBytes) bytes; raise the memory limit")
        }
    }

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
