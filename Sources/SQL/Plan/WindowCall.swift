import SluiceCore

/// One window function of a `SELECT`: `row_number() OVER (PARTITION BY ... ORDER BY ...)`.
///
/// Frames follow SQL's default: without `ORDER BY` the frame is the whole partition; with it,
/// `RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW` (peers — rows equal on the order keys —
/// share one value), which is what DuckDB computes for `sum(x) OVER (ORDER BY y)`.
public struct WindowCall: Sendable, Equatable, CustomStringConvertible {
    public enum Function: String, Sendable, Equatable {
        /// BIGINT: 1, 2, 3, ... in the partition's order.
        case rowNumber = "row_number"
        /// BIGINT: 1 + the number of rows before the row's peer group (gaps after ties).
        case rank
        /// BIGINT: the peer group's number, without gaps.
        case denseRank = "dense_rank"
        /// Aggregates over the frame: `countStar`, `count`, `sum`, `avg`, `min`, `max`.
        case aggregate
    }

    public var function: Function
    /// The aggregate when `function` is `.aggregate` (its argument is over the window input).
    public var aggregate: AggregateCall?
    public var partitionBy: [PhysicalExpression]
    public var orderBy: [SortKey]
    public var resultType: DataType

    public init(_ function: Function, aggregate: AggregateCall? = nil, partitionBy: [PhysicalExpression],
                orderBy: [SortKey], resultType: DataType) {
        self.function = function
        self.aggregate = aggregate
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.resultType = resultType
    }

    public var description: String {
        let call = aggregate?.description ?? "\(function.rawValue)()"
        var over: [String] = []
        if !partitionBy.isEmpty { over.append("PARTITION BY " + partitionBy.map(\.description).joined(separator: ", ")) }
        if !orderBy.isEmpty { over.append("ORDER BY " + orderBy.map(\.description).joined(separator: ", ")) }
        return "\(call) OVER (\(over.joined(separator: " ")))"
    }
}
