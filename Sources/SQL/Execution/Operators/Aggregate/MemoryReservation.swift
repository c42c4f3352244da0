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
        guard oldBytes != newBytes else { return }
        let total = lock.withLock {
            reservedBytes += newBytes - oldBytes
            return reservedBytes
        }
        if total > limitBytes {
            throw SluiceError.userInput(
                "\(operatorName) needs more than the memory limit of \(limitBytes) bytes (\(total) bytes of hash tables); raise the memory limit")
        }
    }
}
