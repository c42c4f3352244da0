import SluiceCore

/// `count(*)` (every row) and `count(x)` (non-NULL values): BIGINT, 0 for a group without rows.
final class CountAccumulator: AggregateAccumulator {
    /// Whether NULL arguments count too, as in `count(*)`.
    let countsNulls: Bool
    private var counts: [Int64] = []

    init(countsNulls: Bool) { self.countsNulls = countsNulls }

    func resize(groupCount: Int) {
        if groupCount > counts.count { counts.append(contentsOf: repeatElement(0, count: groupCount - counts.count)) }
    }

    func update(groups: UnsafeBufferPointer<Int32>, argument: Column?) throws {
        counts.withUnsafeMutableBufferPointer { counts in
            if countsNulls || argument?.validity == nil {
                for group in groups { counts[Int(group)] &+= 1 }
            } else {
                argument!.validity!.words.withUnsafeBufferPointer { words in
                    for row in 0..<groups.count {
                        counts[Int(groups[row])] &+= Int64(truncatingIfNeeded: (words[row >> 6] >> UInt64(row & 63)) & 1)
                    }
                }
            }
        }
    }

    func merge(from other: any AggregateAccumulator, sources: [Int32], targets: [Int32]) throws {
        let other = other as! CountAccumulator
        for (source, target) in zip(sources, targets) { counts[Int(target)] += other.counts[Int(source)] }
    }

    func finish() throws -> Column { Column(type: .int64, values: .int64(counts)) }

    var memoryBytes: Int { counts.capacity * 8 }

    func makeEmpty() -> any AggregateAccumulator { CountAccumulator(countsNulls: countsNulls) }

    var stateTypes: [DataType] { [.int64] }

    func stateColumns(groups: [Int32]) -> [Column] {
        [Column(type: .int64, values: .int64(groups.map { counts[Int($0)] }))]
    }

    func restoreState(groupCount: Int, from columns: [Column]) throws {
        guard columns.count == 1, case .int64(let values) = columns[0].values, values.count == groupCount else {
            throw mismatchedStateError("count")
        }
        counts = values
    }
}
