/// The `add` action: a data file that is part of the table from this version on.
public struct AddFile: Sendable, Equatable, Codable {
    /// Relative to the table folder, percent-encoded as a URI path (see `DeltaPath`).
    public var path: String
    /// One entry per partition column; a nil value is a null partition value.
    public var partitionValues: [String: String?]
    public var size: Int64
    public var modificationTime: Int64
    /// False when the file only rearranges existing rows (compaction).
    public var dataChange: Bool
    /// Per-column statistics as JSON text (see `FileStatistics`).
    public var stats: String?
    public var tags: [String: String]?

    public init(path: String, partitionValues: [String: String?], size: Int64, modificationTime: Int64,
                dataChange: Bool, stats: String?, tags: [String: String]? = nil) {
        self.path = path
        self.partitionValues = partitionValues
        self.size = size
        self.modificationTime = modificationTime
        self.dataChange = dataChange
        self.stats = stats
        self.tags = tags
    }
}
