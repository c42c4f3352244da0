import SluiceCore

/// The type rules the binder applies and the evaluator relies on, after DuckDB.
///
/// - Integers: INT32 op INT32 is INT32, otherwise INT64; `/` is FLOAT64 division.
/// - Decimals: `+`/`-` keep the larger scale and add a digit; `*` adds scales and precisions;
///   both stay within 18 digits (an `Int64`) when the inputs do, checking for overflow at run
///   time, as DuckDB does to avoid 128-bit arithmetic. `/` gives FLOAT64. An INT32 counts as
///   DECIMAL(10,0), an INT64 as DECIMAL(19,0).
/// - FLOAT64 with any other number is FLOAT64.
/// - DATE ± integer is a DATE (days); DATE - DATE is INT64 (days).
public enum TypeCoercion {
    /// The precision and scale a number type has when it meets a decimal.
    public static func decimalShape(of type: DataType) -> (precision: Int, scale: Int)? {
        switch type {
        case .int32: (10, 0)
        case .int64: (19, 0)
        case .decimal(let precision, let scale): (precision, scale)
        default: nil
        }
    }

    /// The result type of `left op right`; nil when SQL has no such operation.
    public static func arithmeticResultType(_ op: ArithmeticOperator, _ left: DataType, _ right: DataType) -> DataType? {
        switch (op, left, right) {
        case (.add, .date, .int32), (.add, .date, .int64), (.add, .int32, .date), (.add, .int64, .date),
             (.subtract, .date, .int32), (.subtract, .date, .int64):
            return .date
        case (.subtract, .date, .date):
            return .int64
        default:
            break
        }
        guard left.isNumeric, right.isNumeric else { return nil }
        if left.isInteger, right.isInteger {
            if op == .divide { return .float64 }
            return left == .int32 && right == .int32 ? .int32 : .int64
        }
        if op == .integerDivide { return nil }
        if left == .float64 || right == .float64 || op == .divide { return .float64 }
        guard let (leftPrecision, leftScale) = decimalShape(of: left),
              let (rightPrecision, rightScale) = decimalShape(of: right) else { return nil }
        let widestPrecision = max(leftPrecision, rightPrecision)
        switch op {
        case .add, .subtract, .modulo:
            let scale = max(leftScale, rightScale)
            var precision = max(scale + max(leftPrecision - leftScale, rightPrecision - rightScale), widestPrecision)
            if op != .modulo {
                precision += 1
                if precision > DataType.decimalInt64PrecisionMax, widestPrecision <= DataType.decimalInt64PrecisionMax {
                    precision = DataType.decimalInt64PrecisionMax
                }
            }
            return .decimal(precision: min(precision, DataType.decimalPrecisionMax), scale: scale)
        case .multiply:
            let scale = leftScale + rightScale
            guard scale <= DataType.decimalPrecisionMax else { return nil }
            var precision = leftPrecision + rightPrecision
            if precision > DataType.decimalInt64PrecisionMax, widestPrecision <= DataType.decimalInt64PrecisionMax,
               scale < DataType.decimalInt64PrecisionMax {
                precision = DataType.decimalInt64PrecisionMax
            }
            return .decimal(precision: min(precision, DataType.decimalPrecisionMax), scale: scale)
        case .divide, .integerDivide:
            return nil
        }
    }

    /// The type both sides of a comparison are converted to; nil when they do not compare.
    /// Text meets another type by being parsed as that type (`d = '1998-09-02'`).
    public static func comparisonType(_ left: DataType, _ right: DataType) -> DataType? {
        if left == right { return left }
        switch (left, right) {
        case (.string, .binary), (.binary, .string): return .binary
        case (.string, let other), (let other, .string): return other
        case (.date, .timestamp), (.timestamp, .date): return .timestamp
        default: break
        }
        guard left.isNumeric, right.isNumeric else { return nil }
        if left == .float64 || right == .float64 { return .float64 }
        if left.isInteger, right.isInteger { return .int64 }
        guard let (leftPrecision, leftScale) = decimalShape(of: left),
              let (rightPrecision, rightScale) = decimalShape(of: right) else { return nil }
        let scale = max(leftScale, rightScale)
        let precision = scale + max(leftPrecision - leftScale, rightPrecision - rightScale)
        return .decimal(precision: min(precision, DataType.decimalPrecisionMax), scale: scale)
    }

    /// The type a list of values (CASE branches, COALESCE arguments, an IN list) is unified to.
    public static func commonSupertype(_ types: [DataType]) -> DataType? {
        guard var common = types.first else { return nil }
        for type in types.dropFirst() {
            guard let next = comparisonType(common, type) else { return nil }
            common = next
        }
        return common
    }
}

extension DataType {
    /// INT32, INT64, FLOAT64 or a decimal.
    var isNumeric: Bool {
        switch self {
        case .int32, .int64, .float64, .decimal: true
        default: false
        }
    }

    /// INT32 or INT64.
    var isInteger: Bool { self == .int32 || self == .int64 }

    /// DATE or TIMESTAMP.
    var isDateOrTimestamp: Bool { self == .date || self == .timestamp }

    /// The scale of a decimal, 0 for other types.
    var decimalScale: Int {
        if case .decimal(_, let scale) = self { return scale }
        return 0
    }
}
