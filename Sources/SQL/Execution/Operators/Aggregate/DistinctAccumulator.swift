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
        var targetOfSource = [Int32](repeating: -1, count: other.groupCount)
        for (source, target) in zip(sources, targets) { targetOfSource[Int(source)] = target }
        let columns = other.pairs.keyColumns()
        guard case .int32(let otherGroups) = columns[0].values else { return }
        var kept: [Int] = []
        var groupIds: [Int32] = []
        for (row, group) in otherGroups.enumerated() where targetOfSource[Int(group)] >= 0 {
            kept.append(row)
            groupIds.append(targetOfSource[Int(group)])
        }
        insert(groupIds, columns[1].take(kept))
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
}
