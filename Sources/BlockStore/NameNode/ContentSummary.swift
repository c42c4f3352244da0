/// Totals below a path (WebHDFS `ContentSummary`, without quotas).
public struct ContentSummary: Codable, Sendable, Hashable {
    /// Directories including the path itself when it is one.
    public var directoryCount: Int
    public var fileCount: Int
    public var lengthBytes: Int64
    /// Σ length × replication.
    public var spaceConsumedBytes: Int64

    public init(directoryCount: Int, fileCount: Int, lengthBytes: Int64, spaceConsumedBytes: Int64) {
        self.directoryCount = directoryCount
        self.fileCount = fileCount
        self.lengthBytes = lengthBytes
        self.spaceConsumedBytes = spaceConsumedBytes
    }
}
