/// Where a probe resumes: the probe row, and the build row next in its chain (or
/// `JoinHashTable.chainStart` to start the row's chain).
struct JoinProbeCursor: Sendable {
    var row: Int
    var chainPosition: Int32

    static let start = JoinProbeCursor(row: 0, chainPosition: JoinHashTable.chainStart)

    func isFinished(rowCount: Int) -> Bool { row >= rowCount }
}
