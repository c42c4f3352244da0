import SluiceCore

extension NameSpace {
    /// Commits the length of `previous` (the file's last block, if it has one being written)
    /// and adds a new block with a fresh id and generation stamp. Renews the lease.
    /// - Throws: `.leaseExpired` unless `clientName` holds the lease on `path`;
    ///   `.illegalArgument` when `previous` is not the file's last block.
    public func allocateBlock(_ path: String, clientName: String, previous: ExtendedBlock?) async throws
        -> AllocatedBlock
    {
        let components = try NamespacePath.components(of: path)
        return try await change { record in
            let file = try leasedFile(components, clientName: clientName)
            try checkIsLastBlock(previous, of: file, required: false)
            let block = ExtendedBlock(
                blockID: tree.lastBlockID + 1, generationStamp: tree.lastGenerationStamp + 1, lengthBytes: 0)
            let filePath = file.path
            try record(.addBlock(path: filePath, block: block, previous: previous))
            leaseRenewalMillis[clientName] = clock.nowMillis()
            return AllocatedBlock(block: block, replication: file.replication, path: filePath)
        }
    }

    /// Drops `block`, the file's last block being written (its pipeline failed).
    /// - Throws: `.leaseExpired`; `.illegalArgument` when `block` is not that block.
    public func abandonBlock(_ path: String, clientName: String, block: ExtendedBlock) async throws {
        let components = try NamespacePath.components(of: path)
        try await change { record in
            let file = try leasedFile(components, clientName: clientName)
            guard file.uncommittedBlockID == block.blockID else {
                throw BlockStoreError(.illegalArgument, "\(block) is not the last block being written of \(file.path)")
            }
            try record(.abandonBlock(path: file.path, blockID: block.blockID))
        }
    }

    /// Commits the length of the last block and closes the file, releasing the lease. A repeated
    /// call for a file already closed with that last block succeeds (a retry after a lost answer).
    /// - Parameter last: the last block with its final length; nil when the writer added no block.
    /// - Throws: `.leaseExpired`; `.illegalArgument` when `last` is not the last block.
    public func completeFile(_ path: String, clientName: String, last: ExtendedBlock?) async throws {
        let components = try NamespacePath.components(of: path)
        try await change { record in
            if let file = tree.lookup(components), !file.isDirectory, file.leaseHolder == nil,
                file.blocks.last?.blockID == last?.blockID, file.blocks.last?.lengthBytes == last?.lengthBytes
            {
                return
            }
            let file = try leasedFile(components, clientName: clientName)
            try checkIsLastBlock(last, of: file, required: true)
            try record(.closeFile(path: file.path, last: last, timeMillis: clock.nowMillis()))
            forgetLeaseIfIdle(clientName)
        }
    }

    /// Keeps `clientName`'s lease on all its open files alive.
    public func renewLease(clientName: String) {
        lock.withLock {
            if leaseRenewalMillis[clientName] != nil { leaseRenewalMillis[clientName] = clock.nowMillis() }
        }
    }

    /// Open files whose writer passed the hard limit without renewing, or passed the soft limit
    /// while another client asked for the file. The service recovers each (finds the last
    /// block's length on the datanodes, then calls `recoverLease`).
    public func expiredLeases() -> [ExpiredLease] {
        lock.withLock {
            let now = clock.nowMillis()
            return tree.filesUnderConstruction.values.compactMap { file -> ExpiredLease? in
                guard let holder = file.leaseHolder else { return nil }
                let idleMillis = now - (leaseRenewalMillis[holder] ?? 0)
                guard idleMillis >= defaults.leaseHardLimitMillis
                    || (recoveryRequested.contains(file.id) && idleMillis >= defaults.leaseSoftLimitMillis)
                else { return nil }
                let uncommitted = file.uncommittedBlockID.flatMap { _ in file.blocks.last }
                return ExpiredLease(path: file.path, clientName: holder, uncommittedBlock: uncommitted)
            }.sorted { $0.path < $1.path }
        }
    }

    /// Closes the open file `path` for its lost writer. The last block being written gets
    /// `lastBlockLengthBytes`, or is dropped when that is nil (no replica reported a length).
    /// - Returns: the dropped block, if any (to invalidate); nothing when the file is closed.
    /// - Throws: `.fileNotFound`.
    @discardableResult
    public func recoverLease(_ path: String, lastBlockLengthBytes: Int64?) async throws -> [ExtendedBlock] {
        let components = try NamespacePath.components(of: path)
        return try await change { record in
            guard let file = tree.lookup(components), !file.isDirectory else {
                throw BlockStoreError.fileNotFound(NamespacePath.joined(components))
            }
            guard let holder = file.leaseHolder else { return [] }
            let dropped = file.uncommittedBlockID != nil && lastBlockLengthBytes == nil ? [file.blocks.last!] : []
            try record(
                .recoverLease(path: file.path, lastBlockLengthBytes: lastBlockLengthBytes, timeMillis: clock.nowMillis()))
            recoveryRequested.remove(file.id)
            forgetLeaseIfIdle(holder)
            logger.info("lease recovered", metadata: ["path": "\(file.path)", "holder": "\(holder)"])
            return dropped
        }
    }

    // MARK: - Helpers (called under the lock)

    /// The file at `components` if `clientName` holds its lease.
    private func leasedFile(_ components: [String], clientName: String) throws -> INode {
        let path = NamespacePath.joined(components)
        guard let file = tree.lookup(components), !file.isDirectory else {
            throw BlockStoreError(
                .leaseExpired, "No lease on \(path): File does not exist. Holder \(clientName) does not have any open files.")
        }
        guard file.leaseHolder == clientName else {
            let state = file.leaseHolder == nil ? "File is not open for writing" : "Lease held by \(file.leaseHolder!)"
            throw BlockStoreError(
                .leaseExpired, "No lease on \(path) (inode \(file.id)): \(state). Holder \(clientName) does not have any open files.")
        }
        return file
    }

    /// Throws unless `block` names the file's last block: the one being written when there is
    /// one (then `block` is required if `required`), else the last committed block or nil.
    private func checkIsLastBlock(_ block: ExtendedBlock?, of file: INode, required: Bool) throws {
        if let uncommitted = file.uncommittedBlockID {
            guard let block else {
                guard !required else {
                    throw BlockStoreError(.illegalArgument, "the last block of \(file.path) is not committed")
                }
                throw BlockStoreError(.illegalArgument, "previous block missing for \(file.path)")
            }
            guard block.blockID == uncommitted else {
                throw BlockStoreError(.illegalArgument, "\(block) is not the last block of \(file.path)")
            }
        } else if let block, block.blockID != file.blocks.last?.blockID {
            throw BlockStoreError(.illegalArgument, "\(block) is not the last block of \(file.path)")
        }
    }

    private func forgetLeaseIfIdle(_ clientName: String) {
        if !tree.filesUnderConstruction.values.contains(where: { $0.leaseHolder == clientName }) {
            leaseRenewalMillis[clientName] = nil
        }
    }
}
