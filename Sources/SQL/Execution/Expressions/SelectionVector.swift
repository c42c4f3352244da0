/// Set operations on selection vectors: ascending row numbers without repeats.
enum SelectionVector {
    /// The rows in either, ascending.
    static func union(_ first: [Int32], _ second: [Int32]) -> [Int32] {
        if first.isEmpty { return second }
        if second.isEmpty { return first }
        var merged: [Int32] = []
        merged.reserveCapacity(first.count + second.count)
        var i = 0
        var j = 0
        while i < first.count, j < second.count {
            if first[i] < second[j] {
                merged.append(first[i])
                i += 1
            } else if second[j] < first[i] {
                merged.append(second[j])
                j += 1
            } else {
                merged.append(first[i])
                i += 1
                j += 1
            }
        }
        merged.append(contentsOf: first[i...])
        merged.append(contentsOf: second[j...])
        return merged
    }

    /// The rows of `rows` not in `removed` (both ascending).
    static func difference(_ rows: [Int32], _ removed: [Int32]) -> [Int32] {
        if removed.isEmpty { return rows }
        var kept: [Int32] = []
        kept.reserveCapacity(rows.count - min(rows.count, removed.count))
        var j = 0
        for row in rows {
            while j < removed.count, removed[j] < row { j += 1 }
            if j < removed.count, removed[j] == row { continue }
            kept.append(row)
        }
        return kept
    }
}
