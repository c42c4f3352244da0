/// How far the namenode is from leaving safemode: complete blocks with enough reported
/// replicas against all complete blocks.
public struct SafeModeStatus: Codable, Sendable, Hashable {
    /// Complete blocks with at least the minimum replicas on live nodes.
    public var reportedBlocks: Int
    /// All complete blocks.
    public var totalBlocks: Int
    /// True when `reportedBlocks` reaches the threshold fraction of `totalBlocks`.
    public var thresholdMet: Bool

    public init(reportedBlocks: Int, totalBlocks: Int, thresholdMet: Bool) {
        self.reportedBlocks = reportedBlocks
        self.totalBlocks = totalBlocks
        self.thresholdMet = thresholdMet
    }
}
