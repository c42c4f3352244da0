import SluiceCore

/// One aggregate of a `GROUP BY` (or of a whole input): the function, its argument over the
/// aggregate's input columns, and the type of the value it produces.
public struct AggregateCall: Sendable, Equatable, CustomStringConvertible {
    public enum Function: String, Sendable, Equatable {
        /// `count(*)`: rows, NULLs included; BIGINT, 0 on empty input.
        case countStar = "count_star"
        /// `count(x)`: non-NULL values; BIGINT, 0 on empty input.
        case count
        /// `sum(x)`: NULL when there are no non-NULL values. Integers sum to BIGINT (overflow is
        /// an error naming the aggregate), decimals to DECIMAL(38, s), doubles to DOUBLE.
        case sum
        /// `avg(x)`: DOUBLE for integers and doubles; DECIMAL(38, s) → DOUBLE as DuckDB does.
        case avg
        case min
        case max
    }

    public var function: Function
    /// The argument; nil only for `countStar`.
    public var argument: PhysicalExpression?
    /// `count(DISTINCT x)`, `sum(DISTINCT x)`: each distinct non-NULL value counted once.
    public var isDistinct: Bool
    /// The type of the aggregate's value (chosen by the binder with `AggregateCall.resultType`).
    public var resultType: DataType

    public init(_ function: Function, _ argument: PhysicalExpression?, isDistinct: Bool = false, resultType: DataType) {
        self.function = function
        self.argument = argument
        self.isDistinct = isDistinct
        self.resultType = resultType
    }

    /// The result type of `function` over an argument of `argumentType` (nil for `count(*)`),
    /// following DuckDB: count → BIGINT; sum of integers → BIGINT (INT128-backed DECIMAL(38,0)
    /// in DuckDB; BIGINT here, overflow is an error), of DECIMAL(p,s) → DECIMAL(38,s), of DOUBLE
    /// → DOUBLE; avg → DOUBLE; min/max → the argument's type.
    public static func resultType(of function: Function, argumentType: DataType?) -> DataType {
        switch function {
        case .countStar, .count: return .int64
        case .sum:
            switch argumentType {
            case .decimal(_, let scale)?: return .decimal(precision: 38, scale: scale)
            case .float64?: return .float64
            default: return .int64
            }
        case .avg: return .float64
        case .min, .max: return argumentType ?? .int64
        }
    }

    public var description: String {
        let name = function == .countStar ? "count" : function.rawValue
        let inside = argument.map { (isDistinct ? "DISTINCT " : "") + $0.description } ?? "*"
        return "\(name)(\(inside))"
    }
}
