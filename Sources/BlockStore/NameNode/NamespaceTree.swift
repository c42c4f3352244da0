import SluiceCore

/// The in-memory namespace: directories and files with their blocks, the id counters, and
/// indexes of open files and block owners. `apply(_:)` is the only way it changes, both for
/// live operations (after `NameSpace` checked them) and for edit-log replay, so a replayed tree
/// equals the live one. Not thread-safe: `NameSpace` guards it with its lock.
final class NamespaceTree {
    /// HDFS's root inode id; new inodes count up from it.
    static let rootINodeID: UInt64 = 16385
    /// HDFS starts sequential block ids at 2^30 and generation stamps at 1000.
    static let firstBlockIDMinusOne: UInt64 = 1 << 30
    static let firstGenerationStampMinusOne: UInt64 = 1000

    let root: INode
    var lastINodeID: UInt64 = NamespaceTree.rootINodeID
    var lastBlockID: UInt64 = NamespaceTree.firstBlockIDMinusOne
    var lastGenerationStamp: UInt64 = NamespaceTree.firstGenerationStampMinusOne
    /// Files open for writing, by inode id.
    private(set) var filesUnderConstruction: [UInt64: INode] = [:]
    /// The file of every block, by block id.
    private(set) var blockOwners: [UInt64: INode] = [:]

    /// An empty namespace: "/" owned by `superuser`, group "supergroup", mode 1777.
    init(superuser: String, timeMillis: Int64) {
        root = INode(
            id: Self.rootINodeID, name: "", owner: superuser, group: "supergroup", permission: 0o1777,
            timeMillis: timeMillis, isDirectory: true)
    }

    init(root: INode) {
        self.root = root
        indexSubtree(root)
    }

    /// The inodes from the root down along `components` as far as they exist; the walk stops
    /// early at a missing entry or at a file that still has components below it.
    func resolve(_ components: [String]) -> [INode] {
        var nodes = [root]
        var current = root
        for component in components {
            guard current.isDirectory, let child = current.children[component] else { break }
            nodes.append(child)
            current = child
        }
        return nodes
    }

    /// The inode at `components`, or nil.
    func lookup(_ components: [String]) -> INode? {
        let nodes = resolve(components)
        return nodes.count == components.count + 1 ? nodes.last : nil
    }

    // MARK: - Applying edits

    /// Applies one edit.
    /// - Throws: `SluiceError.internal` when the edit does not fit the tree (for replay the
    ///   caller turns this into a corrupt-log error naming the record).
    func apply(_ edit: NamespaceEdit) throws {
        switch edit {
        case .mkdir(let path, let fileID, let owner, let group, let permission, let timeMillis):
            let (parent, name) = try parentAndName(path)
            guard parent.children[name] == nil else { throw inconsistent(edit, "entry exists") }
            let node = INode(
                id: fileID, name: name, owner: owner, group: group, permission: permission,
                timeMillis: timeMillis, isDirectory: true)
            attach(node, to: parent, timeMillis: timeMillis)
            lastINodeID = max(lastINodeID, fileID)
        case .addFile(
            let path, let fileID, let owner, let group, let permission, let timeMillis, let replication,
            let blockSizeBytes, let clientName, let overwrite):
            let (parent, name) = try parentAndName(path)
            if let existing = parent.children[name] {
                guard overwrite, !existing.isDirectory else { throw inconsistent(edit, "entry exists") }
                detach(existing)
            }
            let node = INode(
                id: fileID, name: name, owner: owner, group: group, permission: permission,
                timeMillis: timeMillis, isDirectory: false)
            node.replication = replication
            node.blockSizeBytes = blockSizeBytes
            node.leaseHolder = clientName
            attach(node, to: parent, timeMillis: timeMillis)
            lastINodeID = max(lastINodeID, fileID)
        case .addBlock(let path, let block, let previous):
            let file = try openFile(path, edit)
            if let previous { try commit(previous, in: file, edit) }
            guard file.uncommittedBlockID == nil else { throw inconsistent(edit, "last block not committed") }
            file.blocks.append(block)
            file.uncommittedBlockID = block.blockID
            blockOwners[block.blockID] = file
            lastBlockID = max(lastBlockID, block.blockID)
            lastGenerationStamp = max(lastGenerationStamp, block.generationStamp)
        case .commitBlock(let path, let block):
            try commitLength(block, in: try openFile(path, edit), edit)
        case .abandonBlock(let path, let blockID):
            let file = try openFile(path, edit)
            guard file.uncommittedBlockID == blockID, file.blocks.last?.blockID == blockID else {
                throw inconsistent(edit, "not the uncommitted last block")
            }
            file.blocks.removeLast()
            file.uncommittedBlockID = nil
            blockOwners[blockID] = nil
        case .closeFile(let path, let last, let timeMillis):
            let file = try openFile(path, edit)
            if let last { try commit(last, in: file, edit) }
            guard file.uncommittedBlockID == nil else { throw inconsistent(edit, "last block not committed") }
            close(file, timeMillis: timeMillis)
        case .delete(let path, let timeMillis):
            let node = try existing(path, edit)
            guard let parent = node.parent else { throw inconsistent(edit, "cannot delete the root") }
            detach(node)
            parent.modificationTimeMillis = timeMillis
        case .rename(let from, let to, let timeMillis):
            let node = try existing(from, edit)
            let (newParent, newName) = try parentAndName(to)
            guard let oldParent = node.parent, newParent.children[newName] == nil,
                !node.isAncestorOrSelf(of: newParent)
            else { throw inconsistent(edit, "bad rename") }
            oldParent.children[node.name] = nil
            oldParent.modificationTimeMillis = timeMillis
            node.name = newName
            attach(node, to: newParent, timeMillis: timeMillis)
        case .setReplication(let path, let replication):
            try existing(path, edit).replication = replication
        case .setPermission(let path, let permission):
            try existing(path, edit).permission = permission
        case .setOwner(let path, let owner, let group):
            let node = try existing(path, edit)
            if let owner { node.owner = owner }
            if let group { node.group = group }
        case .setTimes(let path, let modificationTimeMillis, let accessTimeMillis):
            let node = try existing(path, edit)
            if let modificationTimeMillis { node.modificationTimeMillis = modificationTimeMillis }
            if let accessTimeMillis { node.accessTimeMillis = accessTimeMillis }
        case .append(let path, let clientName, let timeMillis):
            let file = try existing(path, edit)
            guard !file.isDirectory, file.leaseHolder == nil else { throw inconsistent(edit, "not a closed file") }
            file.leaseHolder = clientName
            file.modificationTimeMillis = timeMillis
            filesUnderConstruction[file.id] = file
        case .reassignLease(let path, let clientName):
            try openFile(path, edit).leaseHolder = clientName
        case .recoverLease(let path, let lastBlockLengthBytes, let timeMillis):
            let file = try openFile(path, edit)
            if let uncommitted = file.uncommittedBlockID {
                if let lastBlockLengthBytes {
                    file.blocks[file.blocks.count - 1].lengthBytes = lastBlockLengthBytes
                } else {
                    file.blocks.removeLast()
                    blockOwners[uncommitted] = nil
                }
                file.uncommittedBlockID = nil
            }
            close(file, timeMillis: timeMillis)
        case .setGenerationStamp(let stamp):
            lastGenerationStamp = max(lastGenerationStamp, stamp)
        }
    }

    private func attach(_ node: INode, to parent: INode, timeMillis: Int64) {
        parent.children[node.name] = node
        node.parent = parent
        parent.modificationTimeMillis = timeMillis
        indexSubtree(node)
    }

    /// Removes `node` and everything below it, with their blocks and leases.
    private func detach(_ node: INode) {
        node.parent?.children[node.name] = nil
        node.parent = nil
        unindexSubtree(node)
    }

    private func indexSubtree(_ node: INode) {
        if node.isDirectory {
            for child in node.children.values {
                child.parent = node
                indexSubtree(child)
            }
        } else {
            for block in node.blocks { blockOwners[block.blockID] = node }
            if node.leaseHolder != nil { filesUnderConstruction[node.id] = node }
        }
    }

    private func unindexSubtree(_ node: INode) {
        if node.isDirectory {
            for child in node.children.values { unindexSubtree(child) }
        } else {
            for block in node.blocks { blockOwners[block.blockID] = nil }
            filesUnderConstruction[node.id] = nil
        }
    }

    private func close(_ file: INode, timeMillis: Int64) {
        file.leaseHolder = nil
        file.modificationTimeMillis = timeMillis
        filesUnderConstruction[file.id] = nil
    }

    /// Sets the length of `block`, which must be the file's uncommitted last block (it is then
    /// committed) or an already committed last block (a retried commit).
    private func commit(_ block: ExtendedBlock, in file: INode, _ edit: NamespaceEdit) throws {
        try commitLength(block, in: file, edit)
        file.uncommittedBlockID = nil
    }

    private func commitLength(_ block: ExtendedBlock, in file: INode, _ edit: NamespaceEdit) throws {
        guard let last = file.blocks.last, last.blockID == block.blockID else {
            throw inconsistent(edit, "\(block) is not the last block")
        }
        file.blocks[file.blocks.count - 1].lengthBytes = block.lengthBytes
    }

    private func parentAndName(_ path: String) throws -> (INode, String) {
        let components = try NamespacePath.components(of: path)
        guard let name = components.last, let parent = lookup(Array(components.dropLast())),
            parent.isDirectory
        else { throw SluiceError.internal("no parent directory for \(path)") }
        return (parent, name)
    }

    private func existing(_ path: String, _ edit: NamespaceEdit) throws -> INode {
        guard let node = lookup(try NamespacePath.components(of: path)) else {
            throw inconsistent(edit, "\(path) does not exist")
        }
        return node
    }

    private func openFile(_ path: String, _ edit: NamespaceEdit) throws -> INode {
        let node = try existing(path, edit)
        guard !node.isDirectory, node.leaseHolder != nil else { throw inconsistent(edit, "file not open") }
        return node
    }

    private func inconsistent(_ edit: NamespaceEdit, _ reason: String) -> SluiceError {
        SluiceError.internal("edit does not fit the namespace (\(reason)): \(edit)")
    }
}
