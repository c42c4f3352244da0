/// What one micro-batch did.
public struct BatchProgress: Sendable, Equatable {
    /// The batch's id; -1 when no batch ran (no new records).
    public var batchId: Int64
    public var recordsRead: Int64
    /// Per source partition: the offsets the batch read, `[start, end)`.
    public var startOffsets: [Int64]
    public var endOffsets: [Int64]
    /// The watermark after the batch (milliseconds since the epoch); nil while no record set one.
    public var watermarkMillis: Int64?
    public var lateRecordCount: Int64
    public var deadLetterCount: Int64
    public var windowsRetired: Int
    public var rowsCommitted: Int
    public var tableVersion: Int64?
    /// The sink already had this batch (a replay after a crash), so nothing was written.
    public var sinkSkippedAsCommitted: Bool
    /// The batch reused offsets written by an earlier attempt.
    public var isReplay: Bool

    public init(batchId: Int64, recordsRead: Int64 = 0, startOffsets: [Int64] = [], endOffsets: [Int64] = [], watermarkMillis: Int64? = nil,
                lateRecordCount: Int64 = 0, deadLetterCount: Int64 = 0, windowsRetired: Int = 0, rowsCommitted: Int = 0,
                tableVersion: Int64? = nil, sinkSkippedAsCommitted: Bool = false, isReplay: Bool = false) {
        self.batchId = batchId
        self.recordsRead = recordsRead
        self.startOffsets = startOffsets
        self.endOffsets = endOffsets
        self.watermarkMillis = watermarkMillis
        self.lateRecordCount = lateRecordCount
        self.deadLetterCount = deadLetterCount
        self.windowsRetired = windowsRetired
        self.rowsCommitted = rowsCommitted
        self.tableVersion = tableVersion
        self.sinkSkippedAsCommitted = sinkSkippedAsCommitted
        self.isReplay = isReplay
    }
}
