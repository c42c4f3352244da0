/// What the namespace tells about one file or directory (WebHDFS `FileStatus`).
public struct PathStatus: Codable, Sendable, Hashable {
    public enum EntryType: String, Codable, Sendable {
        case file = "FILE"
        case directory = "DIRECTORY"
    }

    /// The entry's name in a listing; "" for `status(_:)` and for a file listing itself.
    public var pathSuffix: String
    public var type: EntryType
    /// Bytes of the file's blocks (committed lengths); 0 for directories.
    public var lengthBytes: Int64
    public var owner: String
    public var group: String
    /// Permission bits including the sticky bit (0o1000).
    public var permission: UInt16
    public var modificationTimeMillis: Int64
    public var accessTimeMillis: Int64
    /// 0 for directories.
    public var replication: Int
    /// 0 for directories.
    public var blockSizeBytes: Int64
    /// Entries of a directory; 0 for files.
    public var childrenCount: Int
    /// The inode id, stable across renames.
    public var fileID: UInt64

    public init(
        pathSuffix: String, type: EntryType, lengthBytes: Int64, owner: String, group: String,
        permission: UInt16, modificationTimeMillis: Int64, accessTimeMillis: Int64, replication: Int,
        blockSizeBytes: Int64, childrenCount: Int, fileID: UInt64
    ) {
        self.pathSuffix = pathSuffix
        self.type = type
        self.lengthBytes = lengthBytes
        self.owner = owner
        self.group = group
        self.permission = permission
        self.modificationTimeMillis = modificationTimeMillis
        self.accessTimeMillis = accessTimeMillis
        self.replication = replication
        self.blockSizeBytes = blockSizeBytes
        self.childrenCount = childrenCount
        self.fileID = fileID
    }

    public var isDirectory: Bool { type == .directory }

    /// `ls -l`'s mode text, e.g. `drwxrwxrwt` or `-rw-r--r--`.
    public var modeText: String { PermissionChecker.modeText(permission, isDirectory: isDirectory) }
}
