import SluiceCore

/// `min(x)` and `max(x)` over fixed-width values (booleans, integers, dates, timestamps,
/// decimals, doubles): the argument's type, NULL for a group without non-NULL values.
final class MinMaxAccumulator<Element: MinMaxElement>: AggregateAccumulator {
    let isMin: Bool
    let resultType: DataType
    private var best: [Element] = []
    private var hasValue: [Bool] = []

    init(isMin: Bool, resultType: DataType) {
        self.isMin = isMin
        self.resultType = resultType
    }

    func resize(groupCount: Int) {
        guard groupCount > best.count else { return }
        best.append(contentsOf: repeatElement(Element.zero, count: groupCount - best.count))
        hasValue.append(contentsOf: repeatElement(false, count: groupCount - hasValue.count))
    }

    func update(groups: UnsafeBufferPointer<Int32>, argument: Column?) throws {
        guard let argument, let values = Element.values(of: argument.values) else {
            throw SluiceError.internal("min/max of \(resultType) got \(argument?.type.description ?? "no argument")")
        }
        let words = argument.validity?.words ?? []
        let checksValidity = argument.validity != nil
        values.withUnsafeBufferPointer { values in
            words.withUnsafeBufferPointer { words in
                best.withUnsafeMutableBufferPointer { best in
                    hasValue.withUnsafeMutableBufferPointer { hasValue in
                        for row in 0..<groups.count {
                            if checksValidity && !isValidBit(words, row) { continue }
                            let group = Int(groups[row])
                            let value = values[row]
                            if !hasValue[group] || (isMin ? Element.precedes(value, best[group]) : Element.precedes(best[group], value)) {
                                best[group] = value
                                hasValue[group] = true
                            }
                        }
                    }
                }
            }
        }
    }

    func merge(from other: any AggregateAccumulator, sources: [Int32], targets: [Int32]) throws {
        let other = other as! MinMaxAccumulator<Element>
        for (source, target) in zip(sources.map(Int.init), targets.map(Int.init)) where other.hasValue[source] {
            let value = other.best[source]
            if !hasValue[target] || (isMin ? Element.precedes(value, best[target]) : Element.precedes(best[target], value)) {
                best[target] = value
                hasValue[target] = true
            }
        }
    }

    func finish() throws -> Column {
        Column(type: resultType, values: Element.columnValues(best), validity: ValidityBitmap(hasValue))
    }

    var memoryBytes: Int { best.capacity * MemoryLayout<Element>.stride + hasValue.capacity }

    func makeEmpty() -> any AggregateAccumulator { MinMaxAccumulator<Element>(isMin: isMin, resultType: resultType) }

    /// The best values, NULL where a group has none.
    var stateTypes: [DataType] { [resultType] }

    func stateColumns(groups: [Int32]) -> [Column] {
        [Column(type: resultType, values: Element.columnValues(groups.map { best[Int($0)] }),
                validity: ValidityBitmap(groups.map { hasValue[Int($0)] }))]
    }

    func restoreState(groupCount: Int, from columns: [Column]) throws {
        guard columns.count == 1, let values = Element.values(of: columns[0].values), values.count == groupCount else {
            throw mismatchedStateError("min/max")
        }
        best = values
        hasValue = (0..<groupCount).map { !columns[0].isNull($0) }
    }
}
