import Logging
import SluiceCore

/// A datanode's replicas on its local disks: one or more data folders, each with
/// `current/finalized/subdirNN/` for complete replicas, `current/rbw/` for replicas being
/// written and `current/VERSION` with the datanode's UUID. A replica is two files, `blk_<id>`
/// (the bytes) and `blk_<id>_<genstamp>.meta` (a CRC32C per 512 bytes, see `BlockMetaFormat`).
/// Paths are built from the numeric block id and generation stamp only, so no request can reach
/// outside the data folders.
///
/// At start-up every folder is scanned into an in-memory index, which `createReplica`,
/// finalization and `deleteReplica` keep current; block reports are answered from it. Replicas
/// left being written by a crash are reported as not finalized (see `ReplicaStartupScan` for why
/// they are kept). New replicas go to the folder with the most free space; while the folders'
/// free space is within `balancedSpaceThresholdBytes` of each other they take turns, so equal
/// disks fill evenly.
///
/// Threading: every method may be called from any thread; writers and readers of different blocks
/// run concurrently (the lock is held only for index updates, renames and deletes, never for
/// block data).
public final class BlockStorage: @unchecked Sendable {
    // Sendable: `index`, `activeWrites`, `nextWriteToken` and `roundRobinCursor` are guarded by
    // `lock`; every other property is immutable.

    /// The datanode's identity, created once and kept in every folder's `current/VERSION`.
    public let datanodeUUID: String
    /// The data folders as configured.
    public let dataDirectories: [String]
    /// Whether finalization flushes the block, meta and directory to the disk (`fsync`).
    public let syncOnFinalize: Bool
    /// Free-space difference under which folders take turns instead of the emptiest winning.
    public let balancedSpaceThresholdBytes: Int64

    let folders: [DataFolder]
    let clock: any WallClock
    let logger: Logger
    private let spaceProbe: @Sendable (String) throws -> DataFolderSpace
    private let lock = Mutex()
    private var index: [UInt64: ReplicaRecord] = [:]
    private var activeWrites: [UInt64: ActiveWrite] = [:]
    private var nextWriteToken: UInt64 = 0
    private var roundRobinCursor = 0

    /// A replica being written by a live `BlockReplicaWriter`.
    struct ActiveWrite {
        var block: ExtendedBlock
        var folderIndex: Int
        var token: UInt64
    }

    /// Opens (creating the layout where missing) the data folders and scans their replicas.
    /// - Parameters:
    ///   - dataDirectories: one folder per disk; at least one. Created when missing.
    ///   - clock: the time source.
    ///   - syncOnFinalize: flush each replica to the disk when it is finalized.
    ///   - balancedSpaceThresholdBytes: folders whose free space differs by at most this take turns.
    ///   - spaceProbe: how a folder's size and free space are read; `statvfs` unless a test injects one.
    ///   - logger: where orphan clean-up and disk trouble are reported.
    /// - Throws: `SluiceError.userInput` for no folders; `.io` when a folder cannot be created or
    ///   listed; `.data` when the folders belong to different datanodes.
    public init(
        dataDirectories: [String],
        clock: any WallClock = SystemWallClock(),
        syncOnFinalize: Bool = true,
        balancedSpaceThresholdBytes: Int64 = 10 << 30,
        spaceProbe: @escaping @Sendable (String) throws -> DataFolderSpace = DataFolderSpace.probe,
        logger: Logger = Logger(label: "sluice.datanode")
    ) throws {
        guard !dataDirectories.isEmpty else { throw SluiceError.userInput("a datanode needs at least one data folder") }
        self.dataDirectories = dataDirectories
        self.folders = dataDirectories.map(DataFolder.init(rootPath:))
        self.clock = clock
        self.syncOnFinalize = syncOnFinalize
        self.balancedSpaceThresholdBytes = balancedSpaceThresholdBytes
        self.spaceProbe = spaceProbe
        self.logger = logger
        for folder in folders { try folder.createLayout() }
        self.datanodeUUID = try DatanodeIdentity.loadOrCreate(folders: folders)
        for (folderIndex, folder) in folders.enumerated() {
            for record in try ReplicaStartupScan.scan(folder: folder, folderIndex: folderIndex, logger: logger) {
                try admitScanned(record)
            }
        }
        logger.info("datanode storage opened", metadata: [
            "uuid": "\(datanodeUUID)", "folders": "\(folders.count)", "replicas": "\(index.count)",
        ])
    }

    /// Keeps the better of two copies of one block found in different folders and removes the other.
    private func admitScanned(_ record: ReplicaRecord) throws {
        guard let existing = index[record.block.blockID] else {
            index[record.block.blockID] = record
            return
        }
        let (kept, dropped) = record.supersedes(existing) ? (record, existing) : (existing, record)
        logger.warning("removing a second copy of a replica", metadata: [
            "kept": "\(kept.block) on \(folders[kept.folderIndex].rootPath)",
            "removed": "\(dropped.block) on \(folders[dropped.folderIndex].rootPath)",
        ])
        try removeFiles(of: dropped)
        index[record.block.blockID] = kept
    }

    // MARK: - Writing

    /// Starts a new replica of `block` in `rbw/` of the folder with the most free space.
    ///
    /// A replica left being written (by a crash) or finalized with an older generation stamp is
    /// replaced: the leftover at once, the finalized one when the new replica is finalized (it
    /// stays readable until then).
    /// - Throws: `BlockStoreError(.fileAlreadyExists)` when the block is being written already or
    ///   a finalized replica with the same or a newer generation stamp exists; `SluiceError.io`
    ///   when the files cannot be created.
    public func createReplica(_ block: ExtendedBlock) throws -> BlockReplicaWriter {
        let newBlock = ExtendedBlock(blockID: block.blockID, generationStamp: block.generationStamp, lengthBytes: 0)
        let (write, folder): (ActiveWrite, DataFolder) = try lock.withLock {
            if let active = activeWrites[block.blockID] {
                throw BlockStoreError(.fileAlreadyExists,
                                      "Block \(active.block) already exists in state RBW and thus cannot be created.")
            }
            if let existing = index[block.blockID] {
                if existing.isFinalized {
                    if existing.block.generationStamp >= block.generationStamp {
                        throw BlockStoreError(
                            .fileAlreadyExists,
                            "Block \(existing.block) already exists in state FINALIZED and thus cannot be created.")
                    }
                } else {
                    try removeFiles(of: existing)
                    index[block.blockID] = nil
                }
            }
            let folderIndex = chooseFolderForNewReplica()
            nextWriteToken += 1
            let write = ActiveWrite(block: newBlock, folderIndex: folderIndex, token: nextWriteToken)
            activeWrites[block.blockID] = write
            return (write, folders[folderIndex])
        }
        do {
            return try BlockReplicaWriter(storage: self, block: newBlock, folder: folder,
                                          folderIndex: write.folderIndex, token: write.token)
        } catch {
            abandonWrite(blockID: block.blockID, token: write.token)
            throw error
        }
    }

    /// The folder for the next replica: the one with the most free space, or the next in turn
    /// while all are within `balancedSpaceThresholdBytes` of each other. Called under `lock`.
    private func chooseFolderForNewReplica() -> Int {
        guard folders.count > 1 else { return 0 }
        let available: [Int64] = folders.map { folder in
            do {
                return try spaceProbe(folder.rootPath).availableBytes
            } catch {
                logger.warning("cannot read free space", metadata: ["folder": "\(folder.rootPath)", "error": "\(error)"])
                return 0
            }
        }
        let most = available.max() ?? 0
        let least = available.min() ?? 0
        if most - least <= balancedSpaceThresholdBytes {
            roundRobinCursor = (roundRobinCursor + 1) % folders.count
            return roundRobinCursor
        }
        return available.firstIndex(of: most) ?? 0
    }

    /// Moves a written replica from `rbw/` to `finalized/` and indexes it; called by
    /// `BlockReplicaWriter.finalize()` after its files are complete and closed.
    /// - Throws: `SluiceError.io` when the replica was deleted while being written or a rename fails.
    func finishWrite(block: ExtendedBlock, folderIndex: Int, token: UInt64) throws {
        let folder = folders[folderIndex]
        let from = folder.replicaPaths(blockID: block.blockID, generationStamp: block.generationStamp, isFinalized: false)
        let to = folder.replicaPaths(blockID: block.blockID, generationStamp: block.generationStamp, isFinalized: true)
        try lock.withLock {
            guard activeWrites[block.blockID]?.token == token else {
                throw SluiceError.io("\(block) was deleted while it was being written", at: SourceLocation(file: from.block))
            }
            // The replaced replica goes first, so a crash at any point leaves either a complete
            // replica or orphans the start-up scan removes, never a block file beside the meta
            // file of another generation.
            if let replaced = index.removeValue(forKey: block.blockID) { try removeFiles(of: replaced) }
            try BlockFileHandle.rename(from.meta, to: to.meta)
            try BlockFileHandle.rename(from.block, to: to.block)
            index[block.blockID] = ReplicaRecord(block: block, isFinalized: true, folderIndex: folderIndex)
            activeWrites[block.blockID] = nil
        }
        if syncOnFinalize {
            try BlockFileHandle.syncDirectory(folder.finalizedSubdirPath(blockID: block.blockID))
            try BlockFileHandle.syncDirectory(folder.rbwPath)
        }
    }

    /// Forgets a write that ended without finalization and removes its `rbw/` files, unless the
    /// replica was deleted (and perhaps created again) meanwhile.
    func abandonWrite(blockID: UInt64, token: UInt64) {
        lock.withLock {
            guard let active = activeWrites[blockID], active.token == token else { return }
            activeWrites[blockID] = nil
            let paths = folders[active.folderIndex].replicaPaths(
                blockID: blockID, generationStamp: active.block.generationStamp, isFinalized: false)
            do {
                try BlockFileHandle.remove(paths.block)
                try BlockFileHandle.remove(paths.meta)
            } catch {
                logger.warning("cannot remove an aborted replica", metadata: ["block": "\(active.block)", "error": "\(error)"])
            }
        }
    }

    // MARK: - Reading

    /// Opens the finalized replica of `blockID` for reading. The reader keeps its files open, so
    /// a later delete or replacement does not disturb a read in progress.
    /// - Throws: `BlockStoreError(.fileNotFound)` when this datanode has no finalized replica of
    ///   the block; `BlockStoreError(.checksum)` when its meta file header is not CRC32C/512;
    ///   `SluiceError.io` when its files cannot be opened.
    public func openReplica(blockID: UInt64) throws -> BlockReplicaReader {
        guard let record = lock.withLock({ index[blockID] }), record.isFinalized else {
            throw BlockStoreError(.fileNotFound, "Replica not found for blk_\(blockID)")
        }
        let folder = folders[record.folderIndex]
        let paths = folder.replicaPaths(blockID: blockID, generationStamp: record.block.generationStamp, isFinalized: true)
        do {
            return try BlockReplicaReader(block: record.block, blockPath: paths.block, metaPath: paths.meta,
                                          dataFolderPath: folder.rootPath)
        } catch let error as SluiceError where error.condition == .notFound {
            // Deleted or replaced between the index look-up and the open.
            throw BlockStoreError(.fileNotFound, "Replica not found for blk_\(blockID)")
        }
    }

    // MARK: - Deleting and reporting

    /// Deletes the replica of `blockID` (finalized, left over, or being written: its writer's
    /// `finalize()` then fails). Readers that have the files open finish their reads.
    /// - Returns: whether there was a replica.
    /// - Throws: `SluiceError.io` when a file cannot be removed.
    @discardableResult
    public func deleteReplica(blockID: UInt64) throws -> Bool {
        try lock.withLock {
            var found = false
            if let active = activeWrites.removeValue(forKey: blockID) {
                let paths = folders[active.folderIndex].replicaPaths(
                    blockID: blockID, generationStamp: active.block.generationStamp, isFinalized: false)
                try BlockFileHandle.remove(paths.block)
                try BlockFileHandle.remove(paths.meta)
                found = true
            }
            if let record = index.removeValue(forKey: blockID) {
                try removeFiles(of: record)
                found = true
            }
            return found
        }
    }

    /// The full block report: every replica on this datanode, by block id. A block being written
    /// is reported (not finalized, length 0) unless an older finalized replica of it is still here.
    public func replicas() -> [ReportedReplica] {
        lock.withLock {
            var report = index.values.map(\.reported)
            for (blockID, active) in activeWrites where index[blockID] == nil {
                report.append(ReportedReplica(block: active.block, isFinalized: false))
            }
            return report.sorted { $0.block.blockID < $1.block.blockID }
        }
    }

    /// The replica of `blockID` as a block report would list it, or nil.
    public func replica(blockID: UInt64) -> ReportedReplica? {
        lock.withLock {
            if let record = index[blockID] { return record.reported }
            return activeWrites[blockID].map { ReportedReplica(block: $0.block, isFinalized: false) }
        }
    }

    /// Space for the heartbeat: file-system sizes and free space summed over the data folders,
    /// and the bytes the indexed replicas occupy. A folder whose free space cannot be read counts
    /// as empty and full (and is logged).
    public func capacity() -> StorageCapacity {
        var capacityBytes: Int64 = 0
        var remainingBytes: Int64 = 0
        for folder in folders {
            do {
                let space = try spaceProbe(folder.rootPath)
                capacityBytes += space.capacityBytes
                remainingBytes += space.availableBytes
            } catch {
                logger.warning("cannot read free space", metadata: ["folder": "\(folder.rootPath)", "error": "\(error)"])
            }
        }
        let usedBytes = lock.withLock { index.values.reduce(Int64(0)) { $0 + $1.diskBytes } }
        return StorageCapacity(capacityBytes: capacityBytes, usedBytes: usedBytes, remainingBytes: remainingBytes)
    }

    /// The data folder holding the replica of `blockID`, for messages; nil when there is none.
    public func dataFolderPath(blockID: UInt64) -> String? {
        lock.withLock {
            (index[blockID]?.folderIndex ?? activeWrites[blockID]?.folderIndex).map { folders[$0].rootPath }
        }
    }

    /// The finalized replicas, for the block scanner.
    func finalizedBlocks() -> [ExtendedBlock] {
        lock.withLock { index.values.filter(\.isFinalized).map(\.block) }.sorted { $0.blockID < $1.blockID }
    }

    /// Removes a replica's block and meta files. Called under `lock` (or before the storage is shared).
    private func removeFiles(of record: ReplicaRecord) throws {
        let paths = folders[record.folderIndex].replicaPaths(
            blockID: record.block.blockID, generationStamp: record.block.generationStamp, isFinalized: record.isFinalized)
        try BlockFileHandle.remove(paths.block)
        try BlockFileHandle.remove(paths.meta)
    }
}
