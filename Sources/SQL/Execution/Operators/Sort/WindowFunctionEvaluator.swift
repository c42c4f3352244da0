import SluiceCore

/// Computes one window function over rows already sorted by (partition keys, order keys).
enum WindowFunctionEvaluator {
    /// The call's values, one per sorted position, of type `resultType`.
    /// - Parameters:
    ///   - order: the input rows in sorted order.
    ///   - argument: the aggregate's argument over the input rows (nil for `count(*)` and ranks).
    /// - Throws: `SluiceError` (data) when a sum overflows; (internal) for an unsupported call.
    static func evaluate(
        _ call: WindowCall, order: [Int], boundaries: WindowPartitionBoundaries, argument: Column?, resultType: DataType
    ) throws -> Column {
        var builder = ColumnBuilder(type: resultType, capacity: order.count)
        switch call.function {
        case .rowNumber, .rank, .denseRank:
            var rowNumber: Int64 = 0
            var rank: Int64 = 0
            var denseRank: Int64 = 0
            for position in order.indices {
                if boundaries.partitionStarts[position] {
                    rowNumber = 0
                    denseRank = 0
                }
                rowNumber += 1
                if boundaries.peerStarts[position] {
                    rank = rowNumber
                    denseRank += 1
                }
                builder.append(call.function == .rowNumber ? rowNumber : (call.function == .rank ? rank : denseRank))
            }
            return builder.finish()
        case .aggregate:
            guard let aggregate = call.aggregate else {
                throw SluiceError.internal("window aggregate \(call) has no aggregate call")
            }
            guard !aggregate.isDistinct else {
                throw SluiceError.userInput("DISTINCT aggregates are not supported as window functions: \(call)")
            }
            return try aggregateValues(aggregate, order: order, boundaries: boundaries, argument: argument, builder: &builder)
        }
    }

    /// Runs the aggregate over each peer group in turn; every row of a group gets the value
    /// after its whole group (RANGE ... CURRENT ROW), which is the whole partition without order
    /// keys.
    private static func aggregateValues(
        _ aggregate: AggregateCall, order: [Int], boundaries: WindowPartitionBoundaries, argument: Column?,
        builder: inout ColumnBuilder
    ) throws -> Column {
        var accumulator = try WindowAggregateAccumulator(call: aggregate, argument: argument)
        let picksRow = aggregate.function == .min || aggregate.function == .max
        var bestRows: [Int] = []
        var start = 0
        while start < order.count {
            if boundaries.partitionStarts[start] { accumulator.reset() }
            var end = start + 1
            while end < order.count, !boundaries.peerStarts[end] { end += 1 }
            for position in start..<end { try accumulator.add(order[position]) }
            for _ in start..<end {
                if picksRow { bestRows.append(accumulator.bestRow) } else { accumulator.appendValue(to: &builder) }
            }
            start = end
        }
        if picksRow, let argument { return gather(argument, rows: bestRows) }
        return builder.finish()
    }

    /// The rows of `column` at `rows`, NULL where the row is -1.
    static func gather(_ column: Column, rows: [Int]) -> Column {
        guard rows.contains(where: { $0 < 0 }) else { return column.take(rows) }
        var validity = ValidityBitmap(count: rows.count, allValid: true)
        for (position, row) in rows.enumerated() where row < 0 || column.isNull(row) { validity.set(position, valid: false) }
        let values: ColumnValues
        switch column.values {
        case .boolean(let v): values = .boolean(rows.map { $0 < 0 ? false : v[$0] })
        case .int32(let v): values = .int32(rows.map { $0 < 0 ? 0 : v[$0] })
        case .int64(let v): values = .int64(rows.map { $0 < 0 ? 0 : v[$0] })
        case .int128(let v): values = .int128(rows.map { $0 < 0 ? 0 : v[$0] })
        case .float64(let v): values = .float64(rows.map { $0 < 0 ? 0 : v[$0] })
        case .bytes(let buffer):
            var gathered = BinaryBuffer()
            for row in rows {
                if row < 0 { gathered.appendEmpty() } else { gathered.append(bytes: buffer[row]) }
            }
            values = .bytes(gathered)
        }
        return Column(type: column.type, values: values, validity: validity)
    }
}
