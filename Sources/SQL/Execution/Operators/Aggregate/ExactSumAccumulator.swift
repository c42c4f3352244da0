import SluiceCore

/// `sum` and `avg` of integers and decimals, accumulated exactly in `Int128` (unscaled for
/// decimals), so the order rows arrive in never changes the result.
///
/// Relies on the `ColumnValues` contract that NULL slots hold zero: values are added
/// unconditionally and only the non-NULL counts read the validity bitmap.
final class ExactSumAccumulator: AggregateAccumulator {
    /// What `finish` produces from the sum and the count.
    enum Output {
        /// `sum` of integers: BIGINT; a sum outside its range is an error.
        case integerSum
        /// `sum` of decimals: a decimal of this type (DECIMAL(38, s)) at the argument's scale.
        case decimalSum(DataType)
        /// `avg`: DOUBLE, the sum divided by the count and by 10^scale.
        case average(scale: Int)
    }

    let output: Output
    /// The aggregate as written, for error messages.
    let name: String
    private var sums: [Int128] = []
    /// Running 64-bit parts of the sums of 32- and 64-bit inputs, folded into `sums` when an
    /// addition would overflow and before sums are read: one 64-bit add per row in the common
    /// case instead of a 128-bit one.
    private var partialSums: [Int64] = []
    private var counts: [Int64] = []

    init(output: Output, name: String) {
        self.output = output
        self.name = name
    }

    func resize(groupCount: Int) {
        guard groupCount > sums.count else { return }
        sums.append(contentsOf: repeatElement(0, count: groupCount - sums.count))
        partialSums.append(contentsOf: repeatElement(0, count: groupCount - partialSums.count))
        counts.append(contentsOf: repeatElement(0, count: groupCount - counts.count))
    }

    func update(groups: UnsafeBufferPointer<Int32>, argument: Column?) throws {
        guard let argument else { throw SluiceError.internal("\(name) has no argument") }
        // Without NULLs every row counts: counted in the same pass as the sum.
        let countsInPass = argument.validity == nil
        switch argument.values {
        case .int32(let values): values.withUnsafeBufferPointer { addWidened($0, groups, counting: countsInPass) }
        case .int64(let values): values.withUnsafeBufferPointer { addWidened($0, groups, counting: countsInPass) }
        case .int128(let values):
            try values.withUnsafeBufferPointer { try addChecked($0, groups) }
            countValid(groups, argument.validity)
            return
        default: throw SluiceError.internal("\(name) got a \(argument.type) argument")
        }
        if !countsInPass { countValid(groups, argument.validity) }
    }

    private func addWidened<T: FixedWidthInteger>(_ values: UnsafeBufferPointer<T>, _ groups: UnsafeBufferPointer<Int32>,
                                                  counting: Bool) {
        // An Int128 cannot overflow by adding fewer than 2^64 values of 64 bits.
        partialSums.withUnsafeMutableBufferPointer { partialSums in
            sums.withUnsafeMutableBufferPointer { sums in
                counts.withUnsafeMutableBufferPointer { counts in
                    for row in 0..<groups.count {
                        let group = Int(groups[row])
                        if counting { counts[group] &+= 1 }
                        let value = Int64(truncatingIfNeeded: values[row])
                        let (sum, overflow) = partialSums[group].addingReportingOverflow(value)
                        if _slowPath(overflow) {
                            sums[group] &+= Int128(partialSums[group]) &+ Int128(value)
                            partialSums[group] = 0
                        } else {
                            partialSums[group] = sum
                        }
                    }
                }
            }
        }
    }

    /// Moves the 64-bit running parts into the exact sums.
    private func foldPartialSums() {
        for group in partialSums.indices where partialSums[group] != 0 {
            sums[group] &+= Int128(partialSums[group])
            partialSums[group] = 0
        }
    }

    private func addChecked(_ values: UnsafeBufferPointer<Int128>, _ groups: UnsafeBufferPointer<Int32>) throws {
        var overflowed = false
        sums.withUnsafeMutableBufferPointer { sums in
            for row in 0..<groups.count {
                let group = Int(groups[row])
                let (sum, overflow) = sums[group].addingReportingOverflow(values[row])
                sums[group] = sum
                if overflow { overflowed = true }
            }
        }
        if overflowed { throw overflowError() }
    }

    private func countValid(_ groups: UnsafeBufferPointer<Int32>, _ validity: ValidityBitmap?) {
        counts.withUnsafeMutableBufferPointer { counts in
            guard let validity else {
                for group in groups { counts[Int(group)] &+= 1 }
                return
            }
            validity.words.withUnsafeBufferPointer { words in
                for row in 0..<groups.count {
                    counts[Int(groups[row])] &+= Int64(truncatingIfNeeded: (words[row >> 6] >> UInt64(row & 63)) & 1)
                }
            }
        }
    }

    func merge(from other: any AggregateAccumulator, sources: [Int32], targets: [Int32]) throws {
        let other = other as! ExactSumAccumulator
        // Several threads merge from the same source at once (different groups): read its
        // partial sums, never fold them in place. Buffers, not arrays of a class, in the loop:
        // no exclusivity check per element.
        var overflowed = false
        other.sums.withUnsafeBufferPointer { otherSums in
            other.partialSums.withUnsafeBufferPointer { otherPartialSums in
                other.counts.withUnsafeBufferPointer { otherCounts in
                    sums.withUnsafeMutableBufferPointer { sums in
                        counts.withUnsafeMutableBufferPointer { counts in
                            for (source, target) in zip(sources, targets) {
                                let from = Int(source)
                                let to = Int(target)
                                let sourceSum = otherSums[from] &+ Int128(otherPartialSums[from])
                                let (sum, overflow) = sums[to].addingReportingOverflow(sourceSum)
                                if overflow { overflowed = true }
                                sums[to] = sum
                                counts[to] += otherCounts[from]
                            }
                        }
                    }
                }
            }
        }
        if overflowed { throw overflowError() }
    }

    func finish() throws -> Column {
        foldPartialSums()
        var validity = ValidityBitmap(count: sums.count, allValid: true)
        for group in counts.indices where counts[group] == 0 { validity.set(group, valid: false) }
        switch output {
        case .integerSum:
            var values = [Int64](repeating: 0, count: sums.count)
            for group in sums.indices {
                guard let value = Int64(exactly: sums[group]) else {
                    throw SluiceError.data("integer overflow in \(name) (\(sums[group]) does not fit BIGINT)")
                }
                values[group] = value
            }
            return Column(type: .int64, values: .int64(values), validity: validity)
        case .decimalSum(let type):
            guard case .decimal(let precision, _) = type else { throw SluiceError.internal("\(name) yields \(type)") }
            let limit = Decimal128.powerOfTen(precision)
            for sum in sums where sum >= limit || sum <= -limit { throw overflowError() }
            let values: ColumnValues = type.storage == .int128
                ? .int128(sums) : .int64(sums.map { Int64(truncatingIfNeeded: $0) })
            return Column(type: type, values: values, validity: validity)
        case .average(let scale):
            let values = sums.indices.map { group in
                counts[group] == 0 ? 0 : ExactSumAccumulator.average(sums[group], count: counts[group], scale: scale)
            }
            return Column(type: .float64, values: .float64(values), validity: validity)
        }
    }

    /// `sum / (count * 10^scale)`, rounded once where extended precision exists (as DuckDB
    /// divides in `long double`).
    static func average(_ sum: Int128, count: Int64, scale: Int) -> Double {
        #if arch(x86_64)
        var divisor = Float80(count)
        for _ in 0..<scale { divisor *= 10 }
        return Double(Float80(sum) / divisor)
        #else
        var divisor = Double(count)
        for _ in 0..<scale { divisor *= 10 }
        return Double(sum) / divisor
        #endif
    }

    private func overflowError() -> SluiceError {
        SluiceError.data("decimal overflow in \(name) (the sum has more than 38 digits)")
    }

    var memoryBytes: Int { sums.capacity * 16 + partialSums.capacity * 8 + counts.capacity * 8 }

    func makeEmpty() -> any AggregateAccumulator { ExactSumAccumulator(output: output, name: name) }

    /// The exact sums (as unscaled 38-digit decimals, the type whose storage is `Int128`) and
    /// the non-NULL counts.
    var stateTypes: [DataType] { [.decimal(precision: 38, scale: 0), .int64] }

    func stateColumns(groups: [Int32]) -> [Column] {
        let groupSums = groups.map { sums[Int($0)] &+ Int128(partialSums[Int($0)]) }
        return [Column(type: stateTypes[0], values: .int128(groupSums)),
                Column(type: .int64, values: .int64(groups.map { counts[Int($0)] }))]
    }

    func restoreState(groupCount: Int, from columns: [Column]) throws {
        guard columns.count == 2, case .int128(let restoredSums) = columns[0].values,
              case .int64(let restoredCounts) = columns[1].values,
              restoredSums.count == groupCount, restoredCounts.count == groupCount else {
            throw mismatchedStateError(name)
        }
        sums = restoredSums
        partialSums = [Int64](repeating: 0, count: groupCount)
        counts = restoredCounts
    }
}
