import SluiceCore

/// `count(DISTINCT x)`, `sum(DISTINCT x)`, `avg(DISTINCT x)`: keeps the distinct
/// (group, value) pairs of non-NULL values in a hash table and feeds each pair once to the
/// plain aggregate at the end.
final class DistinctAccumulator: AggregateAccumulator {
    /// A fresh accumulator of the plain aggregate, copied at `finish`.
    let plain: any AggregateAccumulator
    let argumentType: DataType
    private let pairs: SerializedKeyTable
    private var groupCount = 0
    private var pairIds: [Int32] = []
    private let decodeLock = Mutex()
    private var decoded: (values: Column, offsets: [Int], rows: [Int])?

    init(plain: any AggregateAccumulator, argumentType: DataType) {
        self.plain = plain
        self.argumentType = argumentType
        pairs = SerializedKeyTable(keyTypes: [.int32, argumentType])
    }

    func resize(groupCount: Int) { self.groupCount = max(self.groupCount, groupCount) }

    func update(groups: UnsafeBufferPointer<Int32>, argument: Column?) throws {
        guard let argument else { throw SluiceError.internal("a DISTINCT aggregate has no argument") }
        var groupIds = Array(groups)
        var values = argument
        if argument.validity != nil {
            let kept = (0..<groups.count).filter { !argument.isNull($0) }
            groupIds = kept.map { groupIds[$0] }
            values = argument.take(kept)
        }
        insert(groupIds, values)
    }

    private func insert(_ groupIds: [Int32], _ values: Column) {
        let groupColumn = Column(type: .int32, values: .int32(groupIds))
        pairs.findOrInsert(keys: [groupColumn, values], rowCount: groupIds.count, ids: &pairIds)
    }

    func merge(from other: any AggregateAccumulator, sources: [Int32], targets: [Int32]) throws {
        let other = other as! DistinctAccumulator
        let byGroup = other.pairsByGroup()
        var kept: [Int] = []
        var groupIds: [Int32] = []
        for (source, target) in zip(sources, targets) {
            for position in byGroup.offsets[Int(source)]..<byGroup.offsets[Int(source) + 1] {
                kept.append(byGroup.rows[position])
                groupIds.append(target)
            }
        }
        insert(groupIds, byGroup.values.take(kept))
    }

    /// The distinct values with their rows ordered by group: group `g`'s values are rows
    /// `rows[offsets[g] ..< offsets[g + 1]]` of `values`. Decoded once, when the first merge
    /// partition asks; merge tasks of other partitions may ask at the same time.
    private func pairsByGroup() -> (values: Column, offsets: [Int], rows: [Int]) {
        decodeLock.withLock {
            if let decoded { return decoded }
            let columns = pairs.keyColumns()
            guard case .int32(let groupIds) = columns[0].values else { preconditionFailure("distinct pairs lost their groups") }
            var offsets = [Int](repeating: 0, count: groupCount + 1)
            for group in groupIds { offsets[Int(group) + 1] += 1 }
            for group in 0..<groupCount { offsets[group + 1] += offsets[group] }
            var next = Array(offsets.dropLast())
            var rows = [Int](repeating: 0, count: groupIds.count)
            for (row, group) in groupIds.enumerated() {
                rows[next[Int(group)]] = row
                next[Int(group)] += 1
            }
            decoded = (columns[1], offsets, rows)
            return decoded!
        }
    }

    func finish() throws -> Column {
        let columns = pairs.keyColumns()
        guard case .int32(let groupIds) = columns[0].values else { throw SluiceError.internal("distinct pairs lost their groups") }
        let accumulator = plain.makeEmpty()
        accumulator.resize(groupCount: groupCount)
        try groupIds.withUnsafeBufferPointer { try accumulator.update(groups: $0, argument: columns[1]) }
        return try accumulator.finish()
    }

    var memoryBytes: Int { pairs.memoryBytes }

    func makeEmpty() -> any AggregateAccumulator { DistinctAccumulator(plain: plain.makeEmpty(), argumentType: argumentType) }

    /// The kept pairs: a group's position in the spilled list, and one of its distinct values.
    var stateTypes: [DataType] { [.int32, argumentType] }

    func stateColumns(groups: [Int32]) -> [Column] {
        let byGroup = pairsByGroup()
        var kept: [Int] = []
        var positions: [Int32] = []
        for (position, group) in groups.enumerated() {
            for index in byGroup.offsets[Int(group)]..<byGroup.offsets[Int(group) + 1] {
                kept.append(byGroup.rows[index])
                positions.append(Int32(position))
            }
        }
        return [Column(type: .int32, values: .int32(positions)), byGroup.values.take(kept)]
    }

    func restoreState(groupCount: Int, from columns: [Column]) throws {
        guard columns.count == 2, case .int32(let positions) = columns[0].values,
              columns[1].count == positions.count, positions.allSatisfy({ $0 >= 0 && Int($0) < groupCount }) else {
            throw mismatchedStateError("DISTINCT")
        }
        self.groupCount = groupCount
        insert(positions, columns[1])
    }
}
