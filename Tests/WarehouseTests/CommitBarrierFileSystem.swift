import Foundation
import SluiceCore

/// The local disk, except that creating one commit file waits until `parties` callers are
/// creating it: the commits were then all prepared against the same snapshot, and exactly one
/// of them can take the version.
final class CommitBarrierFileSystem: FileSystem, @unchecked Sendable {
    // Unchecked: `arrived` and `waitTimedOut` are only touched with `condition` locked.
    private let base = LocalFileSystem()
    private let commitPath: String
    private let parties: Int
    private let condition = NSCondition()
    private var arrived = 0
    private var timedOut = false

    init(commitPath: String, parties: Int) {
        self.commitPath = commitPath
        self.parties = parties
    }

    /// Set when a caller gave up waiting for the others (a failing test, not a hang).
    var waitTimedOut: Bool { condition.withLock { timedOut } }

    func create(_ path: String, overwrite: Bool) throws -> any WritableFile {
        if path == commitPath {
            condition.withLock {
                arrived += 1
                condition.broadcast()
                let deadline = Date().addingTimeInterval(60)
                while arrived < parties {
                    if !condition.wait(until: deadline) {
                        timedOut = true
                        break
                    }
                }
            }
        }
        return try base.create(path, overwrite: overwrite)
    }

    func openForReading(_ path: String) throws -> any ReadableFile { try base.openForReading(path) }
    func list(_ path: String) throws -> [FileStatus] { try base.list(path) }
    func status(_ path: String) throws -> FileStatus { try base.status(path) }
    func exists(_ path: String) -> Bool { base.exists(path) }
    func rename(from source: String, to destination: String) throws { try base.rename(from: source, to: destination) }
    func delete(_ path: String, recursive: Bool) throws { try base.delete(path, recursive: recursive) }
    func makeDirectories(_ path: String) throws { try base.makeDirectories(path) }
}
