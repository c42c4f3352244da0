/// WebHDFS's `FileStatus` JSON object, key for key (WebHDFS "FileStatus Properties").
public struct WebHDFSFileStatus: Codable, Sendable, Equatable {
    public enum EntryType: String, Codable, Sendable {
        case file = "FILE"
        case directory = "DIRECTORY"
        case symlink = "SYMLINK"
    }

    public var accessTime: Int64
    public var blockSize: Int64
    public var childrenNum: Int
    public var fileId: UInt64
    public var group: String
    public var length: Int64
    public var modificationTime: Int64
    public var owner: String
    /// The child's name in LISTSTATUS; empty in GETFILESTATUS.
    public var pathSuffix: String
    /// Octal without a leading zero, e.g. "644".
    public var permission: String
    public var replication: Int
    public var storagePolicy: Int
    public var type: EntryType

    public init(
        accessTime: Int64, blockSize: Int64, childrenNum: Int, fileId: UInt64, group: String, length: Int64,
        modificationTime: Int64, owner: String, pathSuffix: String, permission: String, replication: Int, type: EntryType
    ) {
        self.accessTime = accessTime
        self.blockSize = blockSize
        self.childrenNum = childrenNum
        self.fileId = fileId
        self.group = group
        self.length = length
        self.modificationTime = modificationTime
        self.owner = owner
        self.pathSuffix = pathSuffix
        self.permission = permission
        self.replication = replication
        self.storagePolicy = 0
        self.type = type
    }

    public var isDirectory: Bool { type == .directory }

    /// Permission bits as a number (`"1777"` → 0o1777).
    public var permissionBits: UInt16 { UInt16(permission, radix: 8) ?? 0 }
}

/// The envelopes WebHDFS wraps its answers in.
public enum WebHDFSEnvelope {
    public struct FileStatusAnswer: Codable, Sendable {
        public var FileStatus: WebHDFSFileStatus
        public init(_ status: WebHDFSFileStatus) { FileStatus = status }
    }

    public struct FileStatusesAnswer: Codable, Sendable {
        public struct Statuses: Codable, Sendable {
            public var FileStatus: [WebHDFSFileStatus]
        }
        public var FileStatuses: Statuses
        public init(_ statuses: [WebHDFSFileStatus]) { FileStatuses = Statuses(FileStatus: statuses) }
    }

    public struct BooleanAnswer: Codable, Sendable {
        public var boolean: Bool
        public init(_ value: Bool) { boolean = value }
    }

    public struct PathAnswer: Codable, Sendable {
        public var Path: String
        public init(_ path: String) { Path = path }
    }

    public struct ContentSummary: Codable, Sendable, Equatable {
        public var directoryCount: Int
        public var fileCount: Int
        public var length: Int64
        public var quota: Int64
        public var spaceConsumed: Int64
        public var spaceQuota: Int64

        public init(directoryCount: Int, fileCount: Int, length: Int64, spaceConsumed: Int64) {
            self.directoryCount = directoryCount
            self.fileCount = fileCount
            self.length = length
            self.quota = -1
            self.spaceConsumed = spaceConsumed
            self.spaceQuota = -1
        }
    }

    public struct ContentSummaryAnswer: Codable, Sendable {
        public var ContentSummary: ContentSummary
        public init(_ summary: ContentSummary) { ContentSummary = summary }
    }

    public struct FileChecksum: Codable, Sendable {
        public var algorithm: String
        public var bytes: String
        public var length: Int
    }

    public struct FileChecksumAnswer: Codable, Sendable {
        public var FileChecksum: FileChecksum
        public init(_ checksum: FileChecksum) { FileChecksum = checksum }
    }

    public struct LocationAnswer: Codable, Sendable {
        public var Location: String
        public init(_ location: String) { Location = location }
    }

    /// `{"RemoteException": {"exception": …, "javaClassName": …, "message": …}}`.
    public struct RemoteExceptionAnswer: Codable, Sendable {
        public struct Body: Codable, Sendable {
            public var exception: String
            public var javaClassName: String?
            public var message: String
        }
        public var RemoteException: Body

        public init(_ error: BlockStoreError) {
            RemoteException = Body(exception: error.kind.rawValue, javaClassName: error.kind.javaClassName, message: error.message)
        }
    }
}
