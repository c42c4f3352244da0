/// One boxed value of any Sluice type. Used at the edges (display, literals, statistics,
/// tests); columns never store `Value`s.
public enum Value: Sendable, Hashable, CustomStringConvertible {
    case null
    case boolean(Bool)
    case int32(Int32)
    case int64(Int64)
    case float64(Double)
    case string(String)
    case binary([UInt8])
    /// Days since 1970-01-01.
    case date(Int32)
    /// Microseconds since the epoch, UTC.
    case timestamp(Int64)
    /// The unscaled integer and the number of digits after the point.
    case decimal(Int128, scale: Int)

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The text form used by `cat` output, CSV and JSON: ISO dates and timestamps, decimals with
    /// exactly `scale` digits after the point, binary as hex.
    public var description: String {
        switch self {
        case .null: "NULL"
        case .boolean(let value): value ? "true" : "false"
        case .int32(let value): String(value)
        case .int64(let value): String(value)
        case .float64(let value): Value.format(value)
        case .string(let value): value
        case .binary(let bytes): bytes.map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }.joined()
        case .date(let days): CivilTime.formatDate(days: days)
        case .timestamp(let micros): CivilTime.formatTimestamp(micros: micros)
        case .decimal(let unscaled, let scale): Value.formatDecimal(unscaled, scale: scale)
        }
    }

    /// Shortest round-trip text for a double, without a trailing `.0` on whole numbers'
    /// exponent forms, so 1.0 prints as `1.0` and 1e20 as `1e+20`.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return "\(value)"
    }

    public static func formatDecimal(_ unscaled: Int128, scale: Int) -> String {
        let negative = unscaled < 0
        let magnitude = unscaled.magnitude
        var digits = String(magnitude)
        if scale > 0 {
            if digits.count <= scale {
                digits = String(repeating: "0", count: scale - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return negative ? "-" + digits : digits
    }
}
