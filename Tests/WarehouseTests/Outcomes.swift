import Foundation
import SluiceCore
@testable import Warehouse

/// The commit a write that must have committed returned. `#require` is not used on the
/// worker threads: they run outside the test's task, so its failure would not be attributed.
func committed(_ result: CommitResult?) throws -> CommitResult {
    guard let result else { throw SluiceError.internal("the operation committed nothing") }
    return result
}

/// What concurrent workers report, safe to record from any thread.
final class Outcomes: @unchecked Sendable {
    // Unchecked: every property is read and written under `lock`.
    private let lock = NSLock()
    private var _versions: [Int64] = []
    private var _winners: [Int] = []
    private var _conflicts: [Int] = []
    private var _errors: [String] = []

    func record(version: Int64, by worker: Int? = nil) {
        lock.withLock {
            _versions.append(version)
            if let worker { _winners.append(worker) }
        }
    }

    func record(conflictBy worker: Int) { lock.withLock { _conflicts.append(worker) } }
    func record(error: any Error) { lock.withLock { _errors.append("\(error)") } }

    var versions: [Int64] { lock.withLock { _versions } }
    var winners: [Int] { lock.withLock { _winners } }
    var conflicts: [Int] { lock.withLock { _conflicts } }
    var errors: [String] { lock.withLock { _errors } }
}
