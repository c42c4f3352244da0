import SluiceCore

extension NameSpace {
    /// Creates `path` and any missing parents, like `mkdir -p`. New directories belong to `user`
    /// with the group of their parent; parents created on the way get `permission` plus u+wx.
    /// - Parameter permission: the new directory's mode (default 0o755).
    /// - Returns: true (also when the directory already exists).
    /// - Throws: `.accessControl` without x on the ancestors or w on the deepest existing one;
    ///   `.fileAlreadyExists` when `path` or an ancestor is a file.
    @discardableResult
    public func mkdirs(_ path: String, permission: UInt16? = nil, user: String) async throws -> Bool {
        let components = try NamespacePath.components(of: path)
        let permission = try validPermission(permission ?? 0o755)
        return try await change { record in
            let checker = checker(for: user)
            let nodes = tree.resolve(components)
            try checker.checkTraverse(Array(nodes.dropLast()))
            guard let deepest = nodes.last, deepest.isDirectory else {
                throw BlockStoreError(.fileAlreadyExists, "Path is not a directory: \(nodes.last!.path)")
            }
            guard nodes.count <= components.count else { return true }
            try checker.check(deepest, .execute)
            try checker.check(deepest, .write)
            try createDirectories(
                components, from: nodes.count - 1, group: deepest.group, permission: permission, user: user,
                record: record)
            return true
        }
    }

    /// Creates (or with `overwrite` replaces) the file `path`, open for writing under
    /// `clientName`'s lease; missing parents are created.
    /// - Parameters:
    ///   - replication: default `defaults.replication`; 1...`replicationMax`.
    ///   - blockSizeBytes: default `defaults.blockSizeBytes`; at least `blockSizeBytesMin`.
    ///   - permission: default 0o644.
    /// - Returns: the new file's status and the blocks of the file it replaced (to invalidate).
    /// - Throws: `.fileAlreadyExists` when the path exists (a directory, or a file without
    ///   `overwrite`); `.alreadyBeingCreated` when a client writes it; `.retriable` while its
    ///   writer's lease is being recovered; `.parentNotDirectory`; `.accessControl`;
    ///   `.illegalArgument` for bad replication or block size.
    public func createFile(
        _ path: String, overwrite: Bool, replication: Int? = nil, blockSizeBytes: Int64? = nil,
        permission: UInt16? = nil, user: String, clientName: String
    ) async throws -> (status: PathStatus, removedBlocks: [ExtendedBlock]) {
        let components = try NamespacePath.components(of: path)
        let normalizedPath = NamespacePath.joined(components)
        let replication = try validReplication(replication ?? defaults.replication, path: normalizedPath)
        let blockSizeBytes = blockSizeBytes ?? defaults.blockSizeBytes
        guard blockSizeBytes >= defaults.blockSizeBytesMin else {
            throw BlockStoreError(
                .illegalArgument,
                "Specified block size is less than configured minimum value "
                    + "(dfs.namenode.fs-limits.min-block-size): \(blockSizeBytes) < \(defaults.blockSizeBytesMin)")
        }
        let permission = try validPermission(permission ?? 0o644)
        return try await change { record in
            let checker = checker(for: user)
            let nodes = tree.resolve(components)
            try checker.checkTraverse(Array(nodes.prefix(components.count)))
            var removedBlocks: [ExtendedBlock] = []
            if nodes.count == components.count + 1, let existing = nodes.last {
                guard !existing.isDirectory else {
                    throw BlockStoreError(.fileAlreadyExists, "\(normalizedPath) already exists as a directory")
                }
                try checkNotBeingWritten(existing, operation: "CREATE_FILE", clientName: clientName)
                guard overwrite else {
                    throw BlockStoreError(
                        .fileAlreadyExists, "\(normalizedPath) for client \(clientName) already exists")
                }
                let parent = nodes[nodes.count - 2]
                try checker.check(parent, .write)
                try checker.checkStickyBit(parent: parent, child: existing)
                try checker.check(existing, .write)
                removedBlocks = existing.blocks
            } else {
                guard let deepest = nodes.last, deepest.isDirectory else {
                    throw BlockStoreError(.parentNotDirectory, "\(nodes.last!.path) (is not a directory)")
                }
                try checker.check(deepest, .write)
                if nodes.count < components.count {
                    try createDirectories(
                        Array(components.dropLast()), from: nodes.count - 1, group: deepest.group,
                        permission: 0o755, user: user, record: record)
                }
            }
            let parent = tree.lookup(Array(components.dropLast()))!
            let now = clock.nowMillis()
            try record(
                .addFile(
                    path: normalizedPath, fileID: tree.lastINodeID + 1, owner: user, group: parent.group,
                    permission: permission, timeMillis: now, replication: replication,
                    blockSizeBytes: blockSizeBytes, clientName: clientName, overwrite: overwrite))
            leaseRenewalMillis[clientName] = now
            let file = tree.lookup(components)!
            return (status(of: file, pathSuffix: ""), removedBlocks)
        }
    }

    /// Reopens the closed file `path` for appending under `clientName`'s lease. New data goes
    /// to new blocks: the file's last block stays as it is.
    /// - Throws: `.fileNotFound`; `.alreadyBeingCreated` / `.retriable` as `createFile`;
    ///   `.accessControl` without w on the file.
    public func appendFile(_ path: String, user: String, clientName: String) async throws -> PathStatus {
        let components = try NamespacePath.components(of: path)
        let normalizedPath = NamespacePath.joined(components)
        return try await change { record in
            let checker = checker(for: user)
            let file = try existingNode(components, checker: checker)
            guard !file.isDirectory else {
                throw BlockStoreError(.fileNotFound, "Failed to APPEND_FILE \(normalizedPath): it is a directory")
            }
            try checker.check(file, .write)
            try checkNotBeingWritten(file, operation: "APPEND_FILE", clientName: clientName)
            let now = clock.nowMillis()
            try record(.append(path: normalizedPath, clientName: clientName, timeMillis: now))
            leaseRenewalMillis[clientName] = now
            return status(of: file, pathSuffix: "")
        }
    }

    /// Deletes `path` (and with `recursive` everything below it).
    /// - Returns: whether something was deleted (false when missing, and for "/"), and the
    ///   blocks of every deleted file (to invalidate).
    /// - Throws: `.pathIsNotEmptyDirectory` for a non-empty directory without `recursive`;
    ///   `.accessControl` (w+x on the parent, the sticky bit, rwx on every directory below).
    public func delete(_ path: String, recursive: Bool, user: String) async throws
        -> (deleted: Bool, removedBlocks: [ExtendedBlock])
    {
        let components = try NamespacePath.components(of: path)
        let normalizedPath = NamespacePath.joined(components)
        guard !components.isEmpty else { return (false, []) }
        return try await change { record in
            let checker = checker(for: user)
            let nodes = tree.resolve(components)
            try checker.checkTraverse(Array(nodes.prefix(components.count)))
            guard nodes.count == components.count + 1, let node = nodes.last else { return (false, []) }
            let parent = nodes[nodes.count - 2]
            try checker.check(parent, .write)
            try checker.checkStickyBit(parent: parent, child: node)
            if node.isDirectory, !node.children.isEmpty {
                guard recursive else {
                    throw BlockStoreError(
                        .pathIsNotEmptyDirectory, "`\(normalizedPath) is non empty': Directory is not empty")
                }
                try checker.checkSubtreeAll(node)
            }
            let removedBlocks = Self.blocks(below: node)
            try record(.delete(path: normalizedPath, timeMillis: clock.nowMillis()))
            return (true, removedBlocks)
        }
    }

    /// HDFS's rename: onto an existing directory moves `source` inside it.
    /// - Returns: false when `source` is missing or "/", the destination (after moving inside a
    ///   directory) exists, its parent is missing or not a directory, or a directory would move
    ///   into itself; true otherwise (also when source and destination are the same).
    /// - Throws: `.accessControl` (w+x on both parents, the sticky bit on the source's parent).
    public func rename(from source: String, to destination: String, user: String) async throws -> Bool {
        let sourceComponents = try NamespacePath.components(of: source)
        var targetComponents = try NamespacePath.components(of: destination)
        guard !sourceComponents.isEmpty else { return false }
        return try await change { record in
            let checker = checker(for: user)
            let sourceNodes = tree.resolve(sourceComponents)
            try checker.checkTraverse(Array(sourceNodes.prefix(sourceComponents.count)))
            guard sourceNodes.count == sourceComponents.count + 1, let node = sourceNodes.last else { return false }
            let sourceParent = sourceNodes[sourceNodes.count - 2]
            if let existing = tree.lookup(targetComponents), existing.isDirectory {
                targetComponents.append(node.name)
            }
            if targetComponents == sourceComponents { return true }
            let targetNodes = tree.resolve(targetComponents)
            try checker.checkTraverse(Array(targetNodes.prefix(targetComponents.count)))
            guard !targetComponents.isEmpty, targetNodes.count == targetComponents.count,
                let targetParent = targetNodes.last, targetParent.isDirectory,
                !node.isAncestorOrSelf(of: targetParent)
            else { return false }
            try checker.check(sourceParent, .write)
            try checker.checkStickyBit(parent: sourceParent, child: node)
            try checker.check(targetParent, .write)
            try record(
                .rename(
                    from: NamespacePath.joined(sourceComponents), to: NamespacePath.joined(targetComponents),
                    timeMillis: clock.nowMillis()))
            return true
        }
    }

    /// Sets a file's replication.
    /// - Returns: `isFile` false for a directory (nothing changes, as HDFS answers false); the
    ///   previous replication and the file's blocks, so the block manager can add or remove
    ///   replicas.
    /// - Throws: `.fileNotFound`; `.accessControl` without w on the file; `.illegalArgument`.
    public func setReplication(_ path: String, replication: Int, user: String) async throws
        -> (isFile: Bool, previousReplication: Int, blocks: [ExtendedBlock])
    {
        let components = try NamespacePath.components(of: path)
        let normalizedPath = NamespacePath.joined(components)
        let replication = try validReplication(replication, path: normalizedPath)
        return try await change { record in
            let checker = checker(for: user)
            let node = try existingNode(components, checker: checker)
            guard !node.isDirectory else { return (false, 0, []) }
            try checker.check(node, .write)
            let previous = node.replication
            if previous != replication {
                try record(.setReplication(path: normalizedPath, replication: replication))
            }
            return (true, previous, node.blocks)
        }
    }

    /// Sets the mode bits (0...0o1777) of `path`.
    /// - Throws: `.fileNotFound`; `.accessControl` unless `user` owns it or is the superuser.
    public func setPermission(_ path: String, permission: UInt16, user: String) async throws {
        let components = try NamespacePath.components(of: path)
        let permission = try validPermission(permission)
        try await change { record in
            let checker = checker(for: user)
            let node = try existingNode(components, checker: checker)
            try checker.checkOwner(node)
            try record(.setPermission(path: NamespacePath.joined(components), permission: permission))
        }
    }

    /// Sets the owner and/or group of `path`. Only the superuser gives a file away; an owner may
    /// change the group to one they belong to (only their own name, as there is no group mapping).
    /// - Throws: `.fileNotFound`; `.accessControl`; `.illegalArgument` when both are nil.
    public func setOwner(_ path: String, owner: String?, group: String?, user: String) async throws {
        let components = try NamespacePath.components(of: path)
        guard owner != nil || group != nil else {
            throw BlockStoreError(.illegalArgument, "Both owner and group are empty")
        }
        try await change { record in
            let checker = checker(for: user)
            let node = try existingNode(components, checker: checker)
            try checker.checkOwner(node)
            if !checker.isSuperuser {
                if let owner, owner != user {
                    throw BlockStoreError(
                        .accessControl, "User \(user) is not a super user (non-super user cannot change owner).")
                }
                if let group, group != user {
                    throw BlockStoreError(.accessControl, "User \(user) does not belong to \(group)")
                }
            }
            try record(.setOwner(path: NamespacePath.joined(components), owner: owner, group: group))
        }
    }

    /// Sets the modification and/or access time (ms) of `path`; nil keeps a time.
    /// - Throws: `.fileNotFound`; `.accessControl` without w on it.
    public func setTimes(_ path: String, modificationTimeMillis: Int64?, accessTimeMillis: Int64?, user: String)
        async throws
    {
        let components = try NamespacePath.components(of: path)
        try await change { record in
            let checker = checker(for: user)
            let node = try existingNode(components, checker: checker)
            try checker.check(node, .write)
            try record(
                .setTimes(
                    path: NamespacePath.joined(components), modificationTimeMillis: modificationTimeMillis,
                    accessTimeMillis: accessTimeMillis))
        }
    }

    // MARK: - Helpers (called under the lock)

    func checker(for user: String) -> PermissionChecker {
        PermissionChecker(user: user, superuser: superuser)
    }

    /// The inode at `components` after checking x on its ancestors.
    func existingNode(_ components: [String], checker: PermissionChecker) throws -> INode {
        let nodes = tree.resolve(components)
        try checker.checkTraverse(Array(nodes.prefix(components.count)))
        guard nodes.count == components.count + 1, let node = nodes.last else {
            throw BlockStoreError.fileNotFound(NamespacePath.joined(components))
        }
        return node
    }

    /// Records a `mkdir` for each of `components[existingCount...]`; the last gets
    /// `permission`, those before it `permission | 0o300` so their creator can go on.
    private func createDirectories(
        _ components: [String], from existingCount: Int, group: String, permission: UInt16, user: String,
        record: (NamespaceEdit) throws -> Void
    ) throws {
        let now = clock.nowMillis()
        for index in existingCount..<components.count {
            let isLast = index == components.count - 1
            try record(
                .mkdir(
                    path: NamespacePath.joined(Array(components[...index])), fileID: tree.lastINodeID + 1,
                    owner: user, group: group, permission: isLast ? permission : permission | 0o300,
                    timeMillis: now))
        }
    }

    /// Throws when `file` is open for writing: by `clientName` itself, by another client, or
    /// under recovery (after the writer's soft limit, which also asks for recovery).
    private func checkNotBeingWritten(_ file: INode, operation: String, clientName: String) throws {
        guard let holder = file.leaseHolder else { return }
        let path = file.path
        if holder == clientName {
            throw BlockStoreError(
                .alreadyBeingCreated,
                "Failed to \(operation) \(path) for \(clientName) because current leaseholder is trying to recreate file.")
        }
        let renewed = leaseRenewalMillis[holder] ?? 0
        if clock.nowMillis() - renewed >= defaults.leaseSoftLimitMillis {
            recoveryRequested.insert(file.id)
            throw BlockStoreError(
                .retriable,
                "Failed to \(operation) \(path) for \(clientName) because lease recovery is in progress. Try again later.")
        }
        throw BlockStoreError(
            .alreadyBeingCreated,
            "Failed to \(operation) \(path) for \(clientName) because this file lease is currently owned by \(holder)")
    }

    private func validReplication(_ replication: Int, path: String) throws -> Int {
        guard replication >= 1 else {
            throw BlockStoreError(
                .illegalArgument,
                "Requested replication factor of \(replication) is less than the required minimum of 1 for \(path)")
        }
        guard replication <= defaults.replicationMax else {
            throw BlockStoreError(
                .illegalArgument,
                "Requested replication factor of \(replication) exceeds maximum of \(defaults.replicationMax) for \(path)")
        }
        return replication
    }

    private func validPermission(_ permission: UInt16) throws -> UInt16 {
        guard permission <= 0o1777 else {
            throw BlockStoreError(
                .illegalArgument, "Invalid value for permission: \(String(permission, radix: 8)) (0 to 1777)")
        }
        return permission
    }

    static func blocks(below node: INode) -> [ExtendedBlock] {
        node.isDirectory ? node.children.values.flatMap { blocks(below: $0) } : node.blocks
    }

    func status(of node: INode, pathSuffix: String) -> PathStatus {
        PathStatus(
            pathSuffix: pathSuffix, type: node.isDirectory ? .directory : .file,
            lengthBytes: node.isDirectory ? 0 : node.lengthBytes, owner: node.owner, group: node.group,
            permission: node.permission, modificationTimeMillis: node.modificationTimeMillis,
            accessTimeMillis: node.accessTimeMillis, replication: node.isDirectory ? 0 : node.replication,
            blockSizeBytes: node.isDirectory ? 0 : node.blockSizeBytes, childrenCount: node.children.count,
            fileID: node.id)
    }
}
