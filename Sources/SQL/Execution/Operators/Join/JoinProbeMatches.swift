import SluiceCore

/// What one probe batch has matched so far, per probe row, for the kinds whose output depends
/// on whether (or how often) a left row matched: left, full, semi, anti, null-aware anti, mark
/// and single joins (right semi and right anti joins decide by right rows instead). Filled chunk by chunk, then turned into the batch's closing output.
///
/// Threading: owned by the one thread probing the batch.
struct JoinProbeMatches {
    let kind: JoinKind
    /// Matches per probe row, saturating at 2.
    private var matchCounts: [UInt8]
    /// The one matching build row of each probe row (single join), -1 for none.
    private var singleBuildRows: [Int32]

    init(kind: JoinKind, rowCount: Int) {
        self.kind = kind
        let needsCounts = ![.inner, .right, .rightSemi, .rightAnti].contains(kind)
        matchCounts = needsCounts ? [UInt8](repeating: 0, count: rowCount) : []
        singleBuildRows = kind == .single ? [Int32](repeating: -1, count: rowCount) : []
    }

    /// Records matching pairs (after key checks and the residual).
    /// - Throws: `SluiceError` (data) on a second match of a single join's row.
    mutating func record(_ pairs: JoinPairs) throws {
        guard !matchCounts.isEmpty else { return }
        for position in 0..<pairs.count {
            let row = Int(pairs.probeRows[position])
            if kind == .single {
                if matchCounts[row] != 0 {
                    throw SluiceError.data("more than one row returned by a subquery used as an expression")
                }
                singleBuildRows[row] = pairs.buildRows[position]
            }
            matchCounts[row] = matchCounts[row] == 0 ? 1 : 2
        }
    }

    /// The batch's closing output: unmatched left rows (left, full), the matched or unmatched
    /// rows (semi, anti, null-aware anti), every row with its mark (mark) or its one match
    /// (single); nil for inner, right, right semi and right anti joins.
    /// - Parameters:
    ///   - unknownRows: probe rows whose comparison with some right row was NULL (a NULL key
    ///     on either side), which make a mark NULL instead of FALSE and drop the row from a
    ///     null-aware anti join; nil when there are none.
    ///   - everyRowUnknown: every probe row is unknown (the right side has a NULL key).
    ///   - buildIsEmpty: the right side has no rows, so no comparison is unknown.
    func closingOutput(
        probe: RecordBatch, build: [Column], output: JoinOutput,
        unknownRows: [Bool]?, everyRowUnknown: Bool, buildIsEmpty: Bool
    ) -> RecordBatch? {
        let rowCount = probe.rowCount
        switch kind {
        case .inner, .right, .rightSemi, .rightAnti:
            return nil
        case .left, .full:
            let rows = rowsWhere { matchCounts[$0] == 0 }
            guard !rows.isEmpty else { return nil }
            return output.pairs(probe: probe, build: build, probeRows: rows,
                                buildRows: [Int32](repeating: -1, count: rows.count))
        case .semi:
            return output.probeRows(probe: probe, rows: rowsWhere { matchCounts[$0] != 0 })
        case .anti:
            return output.probeRows(probe: probe, rows: rowsWhere { matchCounts[$0] == 0 })
        case .nullAwareAnti:
            if buildIsEmpty { return output.probeRows(probe: probe, rows: rowsWhere { _ in true }) }
            if everyRowUnknown { return nil }
            return output.probeRows(probe: probe, rows: rowsWhere {
                matchCounts[$0] == 0 && !(unknownRows?[$0] ?? false)
            })
        case .mark:
            var marks = [Bool](repeating: false, count: rowCount)
            var validity = ValidityBitmap(count: rowCount, allValid: true)
            for row in 0..<rowCount {
                if matchCounts[row] != 0 {
                    marks[row] = true
                } else if !buildIsEmpty, everyRowUnknown || (unknownRows?[row] ?? false) {
                    validity.set(row, valid: false)
                }
            }
            return output.marked(probe: probe, marks: Column(type: .boolean, values: .boolean(marks), validity: validity))
        case .single:
            return output.everyProbeRow(probe: probe, build: build, buildRows: singleBuildRows)
        }
    }

    private func rowsWhere(_ include: (Int) -> Bool) -> [Int32] {
        var rows: [Int32] = []
        for row in 0..<matchCounts.count where include(row) { rows.append(Int32(row)) }
        return rows
    }
}
