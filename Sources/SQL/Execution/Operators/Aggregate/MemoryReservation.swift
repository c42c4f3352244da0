import SluiceCore

/// The bytes a blocking operator's thread-local states hold together, checked against
/// `ExecutionContext.memoryLimitBytes` so a query that outgrows the limit fails with a clear
/// error instead of exhausting the machine.
///
/// Threading: safe from any thread; each state reports its own size changes.
final class MemoryReservation: @unchecked Sendable {
    let limitBytes: Int
    /// The operator named in the error ("HashAggregate").
    let operatorName: String
    private let lock = Mutex()
    private var reservedBytes = 0

    init(limitBytes: Int, operatorName: String) {
        self.limitBytes = limitBytes
        self.operatorName = operatorName
    }

    /// Records that one state grew (or shrank) from `oldBytes` to `newBytes`.
    /// - Throws: `SluiceError` (user input) when all states together exceed the limit.
    func resize(from oldBytes: Int, to newBytes: Int) throws {
        let total = record(from: oldBytes, to: newBytes)
        if total > limitBytes { throw limitError(totalBytes: total) }
    }

    /// Records that one state grew (or shrank) from `oldBytes` to `newBytes`, without judging.
    /// - Returns: the bytes all states hold together now.
    @discardableResult
    func record(from oldBytes: Int, to newBytes: Int) -> Int {
        lock.withLock {
            reservedBytes += newBytes - oldBytes
            return reservedBytes
        }
    }

    /// The error of states that together hold `totalBytes`, more than the limit.
    func limitError(totalBytes: Int) -> SluiceError {
        SluiceError.userInput(
            "\(operatorName) needs more than the memory limit of \(limitBytes) bytes (\(totalBytes) bytes of hash tables); raise the memory limit")
    }
}
