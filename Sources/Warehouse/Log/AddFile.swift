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
    /// Free-form metadata of the file (Delta's `tags`); see `replacingWriterTag`.
    public var tags: [String: String]?

    /// The tag of a file its writer replaces with its next commit (a stream's open windows,
    /// rewritten every batch); its value names the writer (the stream's application id).
    /// Compaction leaves such a file alone and a delete refuses to rewrite it: the writer would
    /// remove only its own file and add its rows again.
    public static let replacingWriterTag = "sluice.replacingWriter"

    /// The writer that replaces this file with its next commit, when one does.
    public var replacingWriter: String? { tags?[AddFile.replacingWriterTag] }

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
