import SluiceCore

extension NameSpace {
    /// The status of `path`.
    /// - Throws: `.fileNotFound`; `.accessControl` without x on an ancestor.
    public func status(_ path: String, user: String) throws -> PathStatus {
        let components = try NamespacePath.components(of: path)
        return try lock.withLock {
            status(of: try existingNode(components, checker: checker(for: user)), pathSuffix: "")
        }
    }

    /// The entries of the directory `path` sorted by name, or the file itself (suffix "").
    /// - Throws: `.fileNotFound`; `.accessControl` without r+x on the directory.
    public func list(_ path: String, user: String) throws -> [PathStatus] {
        let components = try NamespacePath.components(of: path)
        return try lock.withLock {
            let checker = checker(for: user)
            let node = try existingNode(components, checker: checker)
            guard node.isDirectory else { return [status(of: node, pathSuffix: "")] }
            try checker.check(node, .readExecute)
            return node.children.keys.sorted().map { status(of: node.children[$0]!, pathSuffix: $0) }
        }
    }

    /// Directory and file counts and bytes below `path` (itself included).
    /// - Throws: `.fileNotFound`; `.accessControl` without r+x on a directory `path`.
    public func contentSummary(_ path: String, user: String) throws -> ContentSummary {
        let components = try NamespacePath.components(of: path)
        return try lock.withLock {
            let checker = checker(for: user)
            let node = try existingNode(components, checker: checker)
            if node.isDirectory { try checker.check(node, .readExecute) }
            var summary = ContentSummary(directoryCount: 0, fileCount: 0, lengthBytes: 0, spaceConsumedBytes: 0)
            Self.add(node, to: &summary)
            return summary
        }
    }

    /// The blocks of the file `path` in order (for reading it).
    /// - Throws: `.fileNotFound` (also for a directory); `.accessControl` without r on the file.
    public func blocks(of path: String, user: String) throws -> FileBlocks {
        let components = try NamespacePath.components(of: path)
        return try lock.withLock {
            let checker = checker(for: user)
            let node = try existingNode(components, checker: checker)
            guard !node.isDirectory else {
                throw BlockStoreError(.fileNotFound, "Path is not a file: \(NamespacePath.joined(components))")
            }
            try checker.check(node, .read)
            return fileBlocks(of: node)
        }
    }

    /// Every block of every file, for the block manager at start-up.
    public func allFileBlocks() -> [FileBlockRecord] {
        lock.withLock {
            tree.blockOwners.map { blockID, file in
                let block = file.blocks.first { $0.blockID == blockID }!
                return FileBlockRecord(
                    block: block, replication: file.replication, isComplete: file.uncommittedBlockID != blockID)
            }.sorted { $0.block.blockID < $1.block.blockID }
        }
    }

    /// The file `blockID` belongs to, or nil (for fsck and bad-replica reports).
    public func block(owning blockID: UInt64) -> BlockOwner? {
        lock.withLock {
            tree.blockOwners[blockID].map { BlockOwner(path: $0.path, replication: $0.replication) }
        }
    }

    /// Every file at or below `path` with its blocks, in path order (fsck; no permission checks,
    /// the caller is the administrator).
    /// - Throws: `.fileNotFound`.
    public func walk(_ path: String) throws -> [FileBlocks] {
        let components = try NamespacePath.components(of: path)
        return try lock.withLock {
            guard let node = tree.lookup(components) else {
                throw BlockStoreError.fileNotFound(NamespacePath.joined(components))
            }
            var files: [FileBlocks] = []
            collectFiles(node, into: &files)
            return files
        }
    }

    private func collectFiles(_ node: INode, into files: inout [FileBlocks]) {
        if node.isDirectory {
            for name in node.children.keys.sorted() { collectFiles(node.children[name]!, into: &files) }
        } else {
            files.append(fileBlocks(of: node))
        }
    }

    private func fileBlocks(of file: INode) -> FileBlocks {
        FileBlocks(
            path: file.path, status: status(of: file, pathSuffix: ""), blocks: file.blocks,
            isUnderConstruction: file.leaseHolder != nil)
    }

    private static func add(_ node: INode, to summary: inout ContentSummary) {
        if node.isDirectory {
            summary.directoryCount += 1
            for child in node.children.values { add(child, to: &summary) }
        } else {
            summary.fileCount += 1
            summary.lengthBytes += node.lengthBytes
            summary.spaceConsumedBytes += node.lengthBytes * Int64(node.replication)
        }
    }
}
