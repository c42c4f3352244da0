/// Candidate or matching (probe row, build row) pairs of one probe batch, as two parallel
/// position lists: what key checks and residual conditions narrow and output gathers read.
struct JoinPairs: Sendable {
    var probeRows: [Int32] = []
    var buildRows: [Int32] = []

    init() {}

    init(probeRows: [Int32], buildRows: [Int32]) {
        self.probeRows = probeRows
        self.buildRows = buildRows
    }

    var count: Int { probeRows.count }
    var isEmpty: Bool { probeRows.isEmpty }

    @inline(__always)
    mutating func append(probeRow: Int, buildRow: Int32) {
        probeRows.append(Int32(truncatingIfNeeded: probeRow))
        buildRows.append(buildRow)
    }

    mutating func reserve(_ count: Int) {
        probeRows.reserveCapacity(count)
        buildRows.reserveCapacity(count)
    }

    /// Keeps the pairs for which `keep(probeRow, buildRow)` holds, in order.
    @inline(__always)
    mutating func retain(_ keep: (Int, Int) throws -> Bool) rethrows {
        var kept = 0
        for position in 0..<probeRows.count {
            let probeRow = probeRows[position]
            let buildRow = buildRows[position]
            if try keep(Int(probeRow), Int(buildRow)) {
                probeRows[kept] = probeRow
                buildRows[kept] = buildRow
                kept += 1
            }
        }
        probeRows.removeLast(probeRows.count - kept)
        buildRows.removeLast(buildRows.count - kept)
    }

    /// Keeps the pairs at `positions` (ascending).
    mutating func keep(positions: [Int32]) {
        guard positions.count != probeRows.count else { return }
        probeRows = positions.map { probeRows[Int($0)] }
        buildRows = positions.map { buildRows[Int($0)] }
    }
}
