/// Row order over several sort keys: the first key that differs decides.
enum SortRowOrder {
    /// Orders row `left` of `leftKeys` against row `right` of `rightKeys` (vectors of the same
    /// keys, perhaps of different blocks): negative, zero or positive.
    @inline(__always)
    static func compare(_ leftKeys: [SortKeyVector], _ left: Int, _ rightKeys: [SortKeyVector], _ right: Int) -> Int {
        for index in leftKeys.indices {
            let order = leftKeys[index].compare(left, rightKeys[index], right)
            if order != 0 { return order }
        }
        return 0
    }

    /// The positions `0..<rowCount` in key order (ties in no particular order).
    static func sortedRows(_ keys: [SortKeyVector], rowCount: Int) -> [Int] {
        var rows = Array(0..<rowCount)
        guard rowCount > 1, !keys.isEmpty else { return rows }
        if keys.count == 1, keys[0].layout == .word, keys[0].nullRanks.isEmpty {
            // The common single fixed-width key: sort (word, row) pairs without indirection.
            let words = keys[0].words
            var pairs = (0..<rowCount).map { (words[$0], $0) }
            pairs.sort { $0.0 < $1.0 }
            for index in 0..<rowCount { rows[index] = pairs[index].1 }
            return rows
        }
        rows.sort { compare(keys, $0, keys, $1) < 0 }
        return rows
    }
}
