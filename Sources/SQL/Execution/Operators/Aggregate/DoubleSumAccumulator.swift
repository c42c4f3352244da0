import SluiceCore

/// `sum` and `avg` of DOUBLE values, added in arrival order (as DuckDB's `sum` does, so the
/// last bits may depend on how the input was split among threads).
final class DoubleSumAccumulator: AggregateAccumulator {
    /// `avg` divides by the count at the end; `sum` does not.
    let isAverage: Bool
    private var sums: [Double] = []
    private var counts: [Int64] = []

    init(isAverage: Bool) { self.isAverage = isAverage }

    func resize(groupCount: Int) {
        guard groupCount > sums.count else { return }
        sums.append(contentsOf: repeatElement(0, count: groupCount - sums.count))
        counts.append(contentsOf: repeatElement(0, count: groupCount - counts.count))
    }

    func update(groups: UnsafeBufferPointer<Int32>, argument: Column?) throws {
        guard let argument, case .float64(let values) = argument.values else {
            throw SluiceError.internal("a DOUBLE sum got \(argument?.type.description ?? "no argument")")
        }
        sums.withUnsafeMutableBufferPointer { sums in
            counts.withUnsafeMutableBufferPointer { counts in
                values.withUnsafeBufferPointer { values in
                    if let validity = argument.validity {
                        validity.words.withUnsafeBufferPointer { words in
                            for row in 0..<groups.count where isValidBit(words, row) {
                                sums[Int(groups[row])] += values[row]
                                counts[Int(groups[row])] &+= 1
                            }
                        }
                    } else {
                        for row in 0..<groups.count {
                            sums[Int(groups[row])] += values[row]
                            counts[Int(groups[row])] &+= 1
                        }
                    }
                }
            }
        }
    }

    func merge(from other: any AggregateAccumulator, sources: [Int32], targets: [Int32]) throws {
        let other = other as! DoubleSumAccumulator
        for (source, target) in zip(sources, targets) {
            sums[Int(target)] += other.sums[Int(source)]
            counts[Int(target)] += other.counts[Int(source)]
        }
    }

    func finish() throws -> Column {
        var validity = ValidityBitmap(count: sums.count, allValid: true)
        for group in counts.indices where counts[group] == 0 { validity.set(group, valid: false) }
        let values = isAverage
            ? sums.indices.map { counts[$0] == 0 ? 0 : sums[$0] / Double(counts[$0]) }
            : sums.indices.map { counts[$0] == 0 ? 0 : sums[$0] }
        return Column(type: .float64, values: .float64(values), validity: validity)
    }

    var memoryBytes: Int { sums.capacity * 8 + counts.capacity * 8 }

    func makeEmpty() -> any AggregateAccumulator { DoubleSumAccumulator(isAverage: isAverage) }

    var stateTypes: [DataType] { [.float64, .int64] }

    func stateColumns(groups: [Int32]) -> [Column] {
        [Column(type: .float64, values: .float64(groups.map { sums[Int($0)] })),
         Column(type: .int64, values: .int64(groups.map { counts[Int($0)] }))]
    }

    func restoreState(groupCount: Int, from columns: [Column]) throws {
        guard columns.count == 2, case .float64(let restoredSums) = columns[0].values,
              case .int64(let restoredCounts) = columns[1].values,
              restoredSums.count == groupCount, restoredCounts.count == groupCount else {
            throw mismatchedStateError("DOUBLE sum")
        }
        sums = restoredSums
        counts = restoredCounts
    }
}
