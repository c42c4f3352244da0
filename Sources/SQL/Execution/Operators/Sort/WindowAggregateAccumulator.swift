import SluiceCore

/// The running value of one aggregate over a window frame, on typed arrays: rows are added in
/// the partition's order and the current value is read after each peer group.
///
/// Sums: integers to BIGINT (overflow is an error), decimals exactly to DECIMAL(38, s), doubles to
/// DOUBLE; avg to DOUBLE; min and max remember the best row of the argument.
struct WindowAggregateAccumulator {
    private enum Argument {
        case none
        case integers([Int64])
        case narrowIntegers([Int32])
        case decimals64([Int64], scale: Int)
        case decimals128([Int128], scale: Int)
        case doubles([Double])
        case ordered(SortKeyVector)
    }

    private let function: AggregateCall.Function
    private let call: AggregateCall
    private let argument: Argument
    private let validity: ValidityBitmap?
    private var rowCount = 0
    private var valueCount = 0
    private var integerSum: Int64 = 0
    private var wideSum: Int128 = 0
    private var doubleSum: Double = 0
    /// The best row so far for min and max, -1 before any non-NULL value.
    private(set) var bestRow = -1

    /// - Throws: `SluiceError` (internal) for an argument type the function does not take.
    init(call: AggregateCall, argument column: Column?) throws {
        self.call = call
        self.function = call.function
        self.validity = column?.validity
        guard let column, call.function != .countStar else {
            argument = .none
            return
        }
        switch (call.function, column.type, column.values) {
        case (.count, _, _): argument = .none
        case (.min, _, _), (.max, _, _): argument = .ordered(SortKeyVector(column: column, isAscending: true, nullsFirst: false))
        case (_, .decimal(_, let scale), .int64(let values)): argument = .decimals64(values, scale: scale)
        case (_, .decimal(_, let scale), .int128(let values)): argument = .decimals128(values, scale: scale)
        case (_, _, .int64(let values)): argument = .integers(values)
        case (_, _, .int32(let values)): argument = .narrowIntegers(values)
        case (_, _, .float64(let values)): argument = .doubles(values)
        default: throw SluiceError.internal("window aggregate \(call) does not take a \(column.type) argument")
        }
    }

    /// Starts a new partition.
    mutating func reset() {
        rowCount = 0
        valueCount = 0
        integerSum = 0
        wideSum = 0
        doubleSum = 0
        bestRow = -1
    }

    /// Adds input row `row` to the frame.
    /// - Throws: `SluiceError` (data) when an integer or decimal sum overflows.
    @inline(__always)
    mutating func add(_ row: Int) throws {
        rowCount += 1
        if let validity, !validity.isValid(row) { return }
        valueCount += 1
        switch argument {
        case .none:
            break
        case .integers(let values):
            try addInteger(values[row])
        case .narrowIntegers(let values):
            try addInteger(Int64(values[row]))
        case .decimals64(let values, _):
            try addWide(Int128(values[row]))
        case .decimals128(let values, _):
            try addWide(values[row])
        case .doubles(let values):
            doubleSum += values[row]
        case .ordered(let vector):
            if bestRow < 0 {
                bestRow = row
            } else {
                let order = vector.compare(row, vector, bestRow)
                if function == .min ? order < 0 : order > 0 { bestRow = row }
            }
        }
    }

    @inline(__always)
    private mutating func addInteger(_ value: Int64) throws {
        if function == .avg {
            wideSum += Int128(value)
            return
        }
        let (sum, overflow) = integerSum.addingReportingOverflow(value)
        if overflow { throw SluiceError.data("integer overflow in \(call) (the sum does not fit BIGINT)") }
        integerSum = sum
    }

    @inline(__always)
    private mutating func addWide(_ value: Int128) throws {
        let (sum, overflow) = wideSum.addingReportingOverflow(value)
        if overflow { throw SluiceError.data("decimal overflow in \(call) (the sum does not fit DECIMAL(38))") }
        wideSum = sum
    }

    /// Appends the frame's current value to `builder` (of the call's result type).
    /// - Precondition: the function is not min or max (their value is the argument at `bestRow`).
    func appendValue(to builder: inout ColumnBuilder) {
        switch function {
        case .countStar:
            builder.append(Int64(rowCount))
        case .count:
            builder.append(Int64(valueCount))
        case .sum:
            guard valueCount > 0 else { return builder.appendNull() }
            switch argument {
            case .integers, .narrowIntegers: builder.append(integerSum)
            case .decimals64, .decimals128: builder.append(wideSum)
            case .doubles: builder.append(doubleSum)
            case .none, .ordered: builder.appendNull()
            }
        case .avg:
            guard valueCount > 0 else { return builder.appendNull() }
            let count = Double(valueCount)
            switch argument {
            case .integers, .narrowIntegers: builder.append(Double(wideSum) / count)
            case .decimals64(_, let scale), .decimals128(_, let scale):
                builder.append(Double(wideSum) / Double(Decimal128.powerOfTen(scale)) / count)
            case .doubles: builder.append(doubleSum / count)
            case .none, .ordered: builder.appendNull()
            }
        case .min, .max:
            preconditionFailure("min and max hand out their best row, not a value")
        }
    }
}
