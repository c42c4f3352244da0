import Logging
import SluiceCore

/// The namenode's durable namespace: the tree of directories and files with their blocks,
/// permission checks, write leases, the edit log and checkpoints.
///
/// Every change is checked and applied under one lock, and its edit-log record is appended there
/// too; the caller's task then waits (outside the lock) until the record is durable, so a change
/// is acknowledged only once it survives a crash, while concurrent changes share one sync.
/// Reads never touch the log. Opening a directory loads the newest valid image and replays the
/// log segments after it.
///
/// Threading: all methods are safe from any task or thread. Call `close()` when done: the edit
/// log's syncer thread runs until then.
public final class NameSpace: @unchecked Sendable {
    // Sendable: `tree`, `leaseRenewalMillis`, `recoveryRequested` and the checkpoint marks are
    // guarded by `lock`; `editLog` is thread-safe; the rest is immutable.
    let lock = Mutex()
    /// Serializes checkpoints, which write the image outside `lock`.
    private let checkpointLock = Mutex()
    let directory: String
    let superuser: String
    let clock: any WallClock
    let defaults: NamespaceDefaults
    let logger = Logger(label: "sluice.namenode")
    var tree: NamespaceTree
    let editLog: EditLog
    /// When each writing client last renewed its lease.
    var leaseRenewalMillis: [String: Int64] = [:]
    /// Open files (inode ids) another client asked for after the writer's soft limit passed.
    var recoveryRequested: Set<UInt64> = []
    private var lastCheckpointTxid: UInt64
    private var lastCheckpointMillis: Int64

    /// Opens the namespace stored in `directory`: the newest readable image, then every later
    /// edit in txid order. A missing or empty directory gets a new, empty namespace.
    /// - Parameters:
    ///   - superuser: the user who passes every permission check and owns "/" of a new namespace.
    /// - Throws: `SluiceError.data` naming the file and byte when the log or every image is
    ///   corrupt (a torn last record is dropped with a warning instead); `.io` for disk failures.
    public init(directory: String, superuser: String, clock: any WallClock, defaults: NamespaceDefaults = NamespaceDefaults())
        throws
    {
        self.directory = directory
        self.superuser = superuser
        self.clock = clock
        self.defaults = defaults
        try NamespaceFiles.createDirectory(directory)
        let (tree, imageTxid) = try Self.loadImage(
            directory: directory, superuser: superuser, clock: clock, logger: logger)
        let lastTxid = try Self.replaySegments(directory: directory, after: imageTxid, into: tree, logger: logger)
        self.tree = tree
        editLog = try EditLog(directory: directory, lastTxid: lastTxid)
        lastCheckpointTxid = imageTxid
        lastCheckpointMillis = clock.nowMillis()
        let now = clock.nowMillis()
        for file in tree.filesUnderConstruction.values {
            if let holder = file.leaseHolder { leaseRenewalMillis[holder] = now }
        }
        logger.info(
            "namespace loaded",
            metadata: ["directory": "\(directory)", "imageTxid": "\(imageTxid)", "lastTxid": "\(lastTxid)"])
    }

    /// The last txid handed out.
    public var lastTransactionID: UInt64 { editLog.lastTxid }

    /// How many `fdatasync` calls the edit log made so far.
    public var editLogSyncCount: Int { editLog.syncCount }

    /// Whether enough edits or time passed since the last checkpoint
    /// (`checkpointTransactionCountMax`, `checkpointPeriodMillis`).
    public func isCheckpointDue() -> Bool {
        lock.withLock {
            let editCount = editLog.lastTxid - lastCheckpointTxid
            return editCount >= defaults.checkpointTransactionCountMax
                || (editCount > 0 && clock.nowMillis() - lastCheckpointMillis >= defaults.checkpointPeriodMillis)
        }
    }

    /// Writes the whole namespace to `fsimage_<last txid>`, continues the log in a new segment,
    /// and removes images beyond the newest two and segments no kept image needs.
    /// - Throws: `SluiceError.io` when a file cannot be written (the namespace stays usable).
    public func checkpoint() throws {
        try checkpointLock.withLock {
            let image: NamespaceImage = try lock.withLock {
                let lastTxid = editLog.lastTxid
                _ = try editLog.roll()
                return NamespaceImage(tree: tree, lastTxid: lastTxid)
            }
            let path = try image.write(to: directory)
            lock.withLock {
                lastCheckpointTxid = image.lastTxid
                lastCheckpointMillis = clock.nowMillis()
            }
            try removeOldCheckpoints()
            logger.info("checkpoint written", metadata: ["image": "\(path)"])
        }
    }

    /// Makes every edit durable and stops the edit log. The namespace must not be changed after.
    public func close() throws {
        try editLog.close()
    }

    /// Runs `body` under the lock, giving it a function that applies an edit to the tree and
    /// appends it to the log; then waits until the last such edit is durable.
    func change<Result>(_ body: (_ record: (NamespaceEdit) throws -> Void) throws -> Result) async throws -> Result {
        var lastTxid: UInt64 = 0
        let result = try lock.withLock {
            try body { edit in
                try tree.apply(edit)
                lastTxid = editLog.append(edit)
            }
        }
        if lastTxid > 0 { try await editLog.waitDurable(through: lastTxid) }
        return result
    }

    // MARK: - Loading

    private static func loadImage(directory: String, superuser: String, clock: any WallClock, logger: Logger) throws
        -> (NamespaceTree, UInt64)
    {
        let images = try NamespaceImage.list(in: directory)
        var firstError: (any Error)?
        for (_, path) in images {
            do {
                let image = try NamespaceImage.read(from: path)
                return (image.makeTree(), image.lastTxid)
            } catch {
                logger.warning("cannot use namespace image, trying an older one", metadata: ["error": "\(error)"])
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
        guard try EditLogSegment.list(in: directory).isEmpty else {
            throw SluiceError.data("namenode directory \(directory) has edit log segments but no namespace image")
        }
        // A new namespace, like `hdfs namenode -format`: the image of the empty tree keeps the
        // root's times stable across restarts.
        let tree = NamespaceTree(superuser: superuser, timeMillis: clock.nowMillis())
        let path = try NamespaceImage(tree: tree, lastTxid: 0).write(to: directory)
        logger.info("new namespace formatted", metadata: ["image": "\(path)"])
        return (tree, 0)
    }

    /// Replays every record after `imageTxid`; returns the last txid.
    private static func replaySegments(directory: String, after imageTxid: UInt64, into tree: NamespaceTree, logger: Logger)
        throws -> UInt64
    {
        var lastTxid = imageTxid
        for segment in try EditLogSegment.list(in: directory) {
            let records = try segment.readRecords(logger: logger)
            if records.isEmpty {
                // An empty segment is what a start or checkpoint without later edits leaves.
                try NamespaceFiles.remove(segment.path)
                continue
            }
            for record in records where record.txid > imageTxid {
                guard record.txid == lastTxid + 1 else {
                    throw segment.corrupt(
                        at: record.byteOffset, txid: lastTxid + 1, "edits \(lastTxid + 1)...\(record.txid - 1) are missing")
                }
                do {
                    try tree.apply(record.edit)
                } catch {
                    throw segment.corrupt(at: record.byteOffset, txid: record.txid, "\(error)")
                }
                lastTxid = record.txid
            }
        }
        return lastTxid
    }

    private func removeOldCheckpoints() throws {
        let images = try NamespaceImage.list(in: directory)
        let keptImages = images.prefix(2)
        for image in images.dropFirst(2) { try NamespaceFiles.remove(image.path) }
        guard let oldestKeptTxid = keptImages.last?.lastTxid else { return }
        // A segment is still needed if the oldest kept image lacks any of its edits; each
        // segment ends where the next one starts.
        let segments = try EditLogSegment.list(in: directory)
        for (segment, next) in zip(segments, segments.dropFirst()) where next.firstTxid <= oldestKeptTxid + 1 {
            try NamespaceFiles.remove(segment.path)
        }
    }
}
