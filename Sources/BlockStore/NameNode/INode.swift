/// One directory or file of the namespace tree. Files keep their blocks in order; the file's
/// length is the sum of its block lengths. Not thread-safe: owned by `NamespaceTree`, which is
/// guarded by the `NameSpace` lock.
final class INode {
    /// HDFS's inode id (`fileId`); stable across renames, never reused.
    let id: UInt64
    var name: String
    weak var parent: INode?
    var owner: String
    var group: String
    /// Permission bits including the sticky bit (0o1000).
    var permission: UInt16
    var modificationTimeMillis: Int64
    var accessTimeMillis: Int64
    let isDirectory: Bool
    /// Entries of a directory by name; always empty for files.
    var children: [String: INode] = [:]

    // File state (unused for directories).
    var replication: Int = 0
    var blockSizeBytes: Int64 = 0
    var blocks: [ExtendedBlock] = []
    /// The client holding the write lease, or nil when the file is closed.
    var leaseHolder: String?
    /// The id of the last block while it is allocated but its length is not committed yet.
    var uncommittedBlockID: UInt64?

    init(
        id: UInt64, name: String, owner: String, group: String, permission: UInt16,
        timeMillis: Int64, isDirectory: Bool
    ) {
        self.id = id
        self.name = name
        self.owner = owner
        self.group = group
        self.permission = permission
        self.modificationTimeMillis = timeMillis
        self.accessTimeMillis = timeMillis
        self.isDirectory = isDirectory
    }

    var lengthBytes: Int64 { blocks.reduce(0) { $0 + $1.lengthBytes } }

    /// The absolute path of this inode, walking up the parent links.
    var path: String {
        var names: [String] = []
        var node: INode? = self
        while let current = node, let parent = current.parent {
            names.append(current.name)
            node = parent
        }
        return NamespacePath.joined(names.reversed())
    }

    /// Whether `self` is `other` or one of its ancestors.
    func isAncestorOrSelf(of other: INode) -> Bool {
        var node: INode? = other
        while let current = node {
            if current === self { return true }
            node = current.parent
        }
        return false
    }
}
