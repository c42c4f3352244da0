/// What `Table.vacuum` deleted, or, in a dry run, would delete.
public struct VacuumResult: Sendable, Equatable {
    /// Files, relative to the table folder, in deletion order.
    public var deletedFiles: [String]
    public var deletedBytes: Int64
    /// Folders left empty by the deletions (partition folders), children before parents.
    public var deletedDirectories: [String]
    /// The retention applied: files removed or written less than this long ago were kept.
    public var retentionHours: Double
    /// True when nothing was deleted and nothing committed.
    public var isDryRun: Bool

    public init(deletedFiles: [String], deletedBytes: Int64, deletedDirectories: [String], retentionHours: Double, isDryRun: Bool) {
        self.deletedFiles = deletedFiles
        self.deletedBytes = deletedBytes
        self.deletedDirectories = deletedDirectories
        self.retentionHours = retentionHours
        self.isDryRun = isDryRun
    }
}
