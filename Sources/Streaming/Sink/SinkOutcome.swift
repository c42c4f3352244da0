/// What a batch's sink commit did.
public struct SinkOutcome: Sendable, Equatable {
    /// Rows (or topic records) written by this batch; 0 when the commit was skipped.
    public var rowsCommitted: Int
    /// The table version the batch committed (or, when skipped, the table's version then).
    public var tableVersion: Int64?
    /// The batch was already in the table (its `txn` version was committed): a replay.
    public var skippedAsCommitted: Bool
    public var windowsRetired: Int

    public init(rowsCommitted: Int = 0, tableVersion: Int64? = nil, skippedAsCommitted: Bool = false, windowsRetired: Int = 0) {
        self.rowsCommitted = rowsCommitted
        self.tableVersion = tableVersion
        self.skippedAsCommitted = skippedAsCommitted
        self.windowsRetired = windowsRetired
    }
}
