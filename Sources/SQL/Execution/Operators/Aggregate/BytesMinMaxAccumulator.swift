#if canImport(Glibc)
import Glibc
#endif
import SluiceCore

/// `min(x)` and `max(x)` over strings and binary, compared byte-wise (UTF-8 byte order is
/// code point order); each group keeps a copy of its best value.
final class BytesMinMaxAccumulator: AggregateAccumulator {
    let isMin: Bool
    let resultType: DataType
    private var best: [[UInt8]] = []
    private var hasValue: [Bool] = []
    /// Bytes of the kept values, tracked as they change so accounting need not walk groups.
    private var valueBytes = 0

    init(isMin: Bool, resultType: DataType) {
        self.isMin = isMin
        self.resultType = resultType
    }

    func resize(groupCount: Int) {
        guard groupCount > best.count else { return }
        best.append(contentsOf: repeatElement([], count: groupCount - best.count))
        hasValue.append(contentsOf: repeatElement(false, count: groupCount - hasValue.count))
    }

    /// Whether `candidate` should replace `current`.
    @inline(__always)
    private func improves(_ candidate: UnsafeBufferPointer<UInt8>, on current: [UInt8]) -> Bool {
        let order = current.withUnsafeBufferPointer { current in
            let common = min(candidate.count, current.count)
            let prefix = common == 0 ? 0 : memcmpOrder(candidate.baseAddress!, current.baseAddress!, common)
            return prefix != 0 ? prefix : candidate.count - current.count
        }
        return isMin ? order < 0 : order > 0
    }

    func update(groups: UnsafeBufferPointer<Int32>, argument: Column?) throws {
        guard let argument, case .bytes(let buffer) = argument.values else {
            throw SluiceError.internal("min/max of \(resultType) got \(argument?.type.description ?? "no argument")")
        }
        buffer.bytes.withUnsafeBufferPointer { bytes in
            for row in 0..<groups.count where !argument.isNull(row) {
                let group = Int(groups[row])
                let range = buffer.byteRange(row)
                let candidate = UnsafeBufferPointer(rebasing: bytes[range])
                if !hasValue[group] || improves(candidate, on: best[group]) {
                    valueBytes += candidate.count - best[group].count
                    best[group] = Array(candidate)
                    hasValue[group] = true
                }
            }
        }
    }

    func merge(from other: any AggregateAccumulator, sources: [Int32], targets: [Int32]) throws {
        let other = other as! BytesMinMaxAccumulator
        for (source, target) in zip(sources.map(Int.init), targets.map(Int.init)) where other.hasValue[source] {
            let value = other.best[source]
            let better = !hasValue[target] || value.withUnsafeBufferPointer { improves($0, on: best[target]) }
            if better {
                valueBytes += value.count - best[target].count
                best[target] = value
                hasValue[target] = true
            }
        }
    }

    func finish() throws -> Column {
        var buffer = BinaryBuffer()
        buffer.reserve(values: best.count, bytes: best.reduce(0) { $0 + $1.count })
        for value in best { buffer.append(bytes: value) }
        return Column(type: resultType, values: .bytes(buffer), validity: ValidityBitmap(hasValue))
    }

    var memoryBytes: Int { best.capacity * 24 + hasValue.capacity + valueBytes }

    func makeEmpty() -> any AggregateAccumulator { BytesMinMaxAccumulator(isMin: isMin, resultType: resultType) }

    /// The best values, NULL where a group has none.
    var stateTypes: [DataType] { [resultType] }

    func stateColumns(groups: [Int32]) -> [Column] {
        var buffer = BinaryBuffer()
        buffer.reserve(values: groups.count, bytes: groups.reduce(0) { $0 + best[Int($1)].count })
        for group in groups { buffer.append(bytes: best[Int(group)]) }
        return [Column(type: resultType, values: .bytes(buffer), validity: ValidityBitmap(groups.map { hasValue[Int($0)] }))]
    }

    func restoreState(groupCount: Int, from columns: [Column]) throws {
        guard columns.count == 1, case .bytes(let buffer) = columns[0].values, columns[0].count == groupCount else {
            throw mismatchedStateError("min/max")
        }
        best = (0..<groupCount).map { Array(buffer.bytes[buffer.byteRange($0)]) }
        hasValue = (0..<groupCount).map { !columns[0].isNull($0) }
        valueBytes = best.reduce(0) { $0 + $1.count }
    }
}

/// `memcmp`'s sign for two byte ranges of equal length.
@inline(__always)
private func memcmpOrder(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Int {
    Int(memcmp(a, b, count))
}
