import Foundation
import SluiceCore

/// The write-ahead log of namespace edits with group commit. `append(_:)` numbers an edit and
/// buffers its record (callers hold the namespace lock, so txids follow the order of the
/// changes); `waitDurable(through:)` (called after releasing that lock) returns once the record
/// is on disk. One syncer thread writes everything buffered with one `write` and one
/// `fdatasync`, then resumes every waiter it covered, so concurrent writers share syncs.
///
/// Threading: all methods are safe from any thread. After a write or sync failure the log is
/// failed for good: every waiter, present and future, gets that error (the on-disk tail is
/// unknown, so nothing more may be acknowledged).
public final class EditLog: @unchecked Sendable {
    // Sendable: every mutable property is guarded by `condition`, except `descriptor` and
    // `segmentPath`, which only the syncer thread uses while `isSyncing` and `roll` changes only
    // when the syncer is idle (under `condition`).
    private let condition = NSCondition()
    private let directory: String
    private var descriptor: Int32
    private(set) var segmentPath: String
    private var pending: [UInt8] = []
    private var lastAppendedTxid: UInt64
    private var durableTxid: UInt64
    private var waiters: [(txid: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    private var failure: SluiceError?
    private var isSyncing = false
    private var isClosed = false
    private var syncCountValue = 0
    private var syncerExited = false

    /// Starts a new segment `edits_<lastTxid + 1>` in `directory`.
    /// - Parameter lastTxid: the last txid already durable (image plus replayed segments).
    /// - Throws: `SluiceError.io` when the segment cannot be created.
    public init(directory: String, lastTxid: UInt64) throws {
        self.directory = directory
        lastAppendedTxid = lastTxid
        durableTxid = lastTxid
        segmentPath = directory + "/" + EditLogSegment.fileName(firstTxid: lastTxid + 1)
        descriptor = try NamespaceFiles.createForAppend(segmentPath)
        let thread = Thread { [self] in runSyncer() }
        thread.name = "edit-log-syncer"
        thread.start()
    }

    /// How many `fdatasync` calls the log made; far fewer than edits when writers are concurrent.
    public var syncCount: Int { condition.withLock { syncCountValue } }

    /// The last txid handed out.
    public var lastTxid: UInt64 { condition.withLock { lastAppendedTxid } }

    /// Numbers `edit` with the next txid and buffers its record for the syncer.
    /// Threading: call under the namespace lock so txid order is the order of the changes.
    public func append(_ edit: NamespaceEdit) -> UInt64 {
        // Encoding a value of our own enum cannot fail.
        let payload = [UInt8](try! JSONEncoder().encode(edit))
        return condition.withLock {
            lastAppendedTxid += 1
            EditLogRecord.append(txid: lastAppendedTxid, payload: payload, to: &pending)
            condition.broadcast()
            return lastAppendedTxid
        }
    }

    /// Returns once every edit through `txid` is durable.
    /// - Throws: the `SluiceError.io` that failed the log.
    public func waitDurable(through txid: UInt64) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            condition.lock()
            if let failure {
                condition.unlock()
                continuation.resume(throwing: failure)
            } else if durableTxid >= txid || isClosed {
                let closedEarly = durableTxid < txid
                condition.unlock()
                if closedEarly {
                    continuation.resume(throwing: SluiceError.io("edit log is closed"))
                } else {
                    continuation.resume()
                }
            } else {
                waiters.append((txid, continuation))
                condition.unlock()
            }
        }
    }

    /// Blocks until every appended edit is durable (checkpoint, close).
    /// - Throws: the failure of the log.
    public func syncAll() throws {
        condition.lock()
        defer { condition.unlock() }
        let target = lastAppendedTxid
        while durableTxid < target, failure == nil { condition.wait() }
        if let failure { throw failure }
    }

    /// Makes everything durable, then continues in a new segment `edits_<last txid + 1>`.
    /// Threading: call under the namespace lock so no edit is appended meanwhile.
    /// - Returns: the first txid of the new segment.
    public func roll() throws -> UInt64 {
        try syncAll()
        condition.lock()
        defer { condition.unlock() }
        while isSyncing { condition.wait() }
        let nextTxid = lastAppendedTxid + 1
        let newPath = directory + "/" + EditLogSegment.fileName(firstTxid: nextTxid)
        let newDescriptor = try NamespaceFiles.createForAppend(newPath)
        NamespaceFiles.closeDescriptor(descriptor)
        descriptor = newDescriptor
        segmentPath = newPath
        return nextTxid
    }

    /// Syncs what is buffered, stops the syncer and closes the segment. Idempotent; the syncer
    /// thread keeps the log alive until this is called.
    public func close() throws {
        // A failed sync is reported below, after the syncer has stopped.
        try? syncAll()
        condition.lock()
        if !isClosed {
            isClosed = true
            condition.broadcast()
            while !syncerExited { condition.wait() }
            NamespaceFiles.closeDescriptor(descriptor)
        }
        condition.unlock()
        if let failure = condition.withLock({ failure }) { throw failure }
    }

    private func runSyncer() {
        condition.lock()
        while true {
            while pending.isEmpty, !isClosed { condition.wait() }
            if pending.isEmpty || failure != nil {
                if isClosed { break }
                pending.removeAll()
                continue
            }
            let bytes = pending
            pending.removeAll(keepingCapacity: true)
            let throughTxid = lastAppendedTxid
            isSyncing = true
            condition.unlock()
            var syncError: SluiceError?
            do {
                try NamespaceFiles.writeAll(descriptor, bytes, path: segmentPath)
                try NamespaceFiles.dataSync(descriptor, path: segmentPath)
            } catch {
                syncError = error as? SluiceError ?? SluiceError.io("\(error)")
            }
            condition.lock()
            isSyncing = false
            syncCountValue += 1
            var resumed: [CheckedContinuation<Void, any Error>] = []
            if let syncError {
                failure = syncError
                resumed = waiters.map(\.continuation)
                waiters.removeAll()
            } else {
                durableTxid = throughTxid
                waiters.removeAll { waiter in
                    guard waiter.txid <= throughTxid else { return false }
                    resumed.append(waiter.continuation)
                    return true
                }
            }
            condition.broadcast()
            condition.unlock()
            for continuation in resumed {
                if let syncError { continuation.resume(throwing: syncError) } else { continuation.resume() }
            }
            condition.lock()
        }
        let abandoned = waiters.map(\.continuation)
        waiters.removeAll()
        syncerExited = true
        condition.broadcast()
        condition.unlock()
        for continuation in abandoned { continuation.resume(throwing: failure ?? SluiceError.io("edit log is closed")) }
    }
}
