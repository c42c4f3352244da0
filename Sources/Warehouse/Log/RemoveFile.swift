/// The `remove` action: a tombstone for a data file that leaves the table at this version. The
/// file stays on disk for time travel until vacuum deletes it after the retention period.
public struct RemoveFile: Sendable, Equatable, Codable {
    public var path: String
    public var deletionTimestamp: Int64?
    public var dataChange: Bool
    public var extendedFileMetadata: Bool?
    public var partitionValues: [String: String?]?
    public var size: Int64?
    public var stats: String?

    public init(path: String, deletionTimestamp: Int64?, dataChange: Bool, extendedFileMetadata: Bool? = nil,
                partitionValues: [String: String?]? = nil, size: Int64? = nil, stats: String? = nil) {
        self.path = path
        self.deletionTimestamp = deletionTimestamp
        self.dataChange = dataChange
        self.extendedFileMetadata = extendedFileMetadata
        self.partitionValues = partitionValues
        self.size = size
        self.stats = stats
    }

    /// The tombstone of an active file, carrying its partition values and size so that change
    /// feeds and vacuum need not look the file up again.
    public init(removing file: AddFile, at timestampMillis: Int64, dataChange: Bool) {
        self.init(path: file.path, deletionTimestamp: timestampMillis, dataChange: dataChange, extendedFileMetadata: true,
                  partitionValues: file.partitionValues, size: file.size, stats: file.stats)
    }
}
