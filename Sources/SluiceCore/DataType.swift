/// The logical type of a column.
///
/// Each type has one physical storage in a `Column` (see `ColumnValues`): booleans as bytes,
/// `int32` and `date` as `Int32`, `int64`, `timestamp` and decimals of precision up to 18 as
/// `Int64`, wider decimals as `Int128`, `float64` as `Double`, `string` and `binary` as one byte
/// buffer plus offsets.
public enum DataType: Sendable, Hashable, CustomStringConvertible {
    case boolean
    case int32
    case int64
    case float64
    case string
    case binary
    /// Days since 1970-01-01.
    case date
    /// Microseconds since 1970-01-01T00:00:00Z.
    case timestamp
    /// A fixed-point number: `precision` digits in all, `scale` of them after the point.
    case decimal(precision: Int, scale: Int)

    /// The widest decimal precision Sluice stores (that of a 128-bit unscaled value).
    public static let decimalPrecisionMax = 38
    /// Decimals up to this precision are stored as `Int64`, wider ones as `Int128`.
    public static let decimalInt64PrecisionMax = 18

    public var description: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .int32: "INT32"
        case .int64: "INT64"
        case .float64: "FLOAT64"
        case .string: "STRING"
        case .binary: "BINARY"
        case .date: "DATE"
        case .timestamp: "TIMESTAMP"
        case .decimal(let precision, let scale): "DECIMAL(\(precision),\(scale))"
        }
    }

    /// The physical storage of values of this type.
    public var storage: StorageKind {
        switch self {
        case .boolean: .boolean
        case .int32, .date: .int32
        case .int64, .timestamp: .int64
        case .float64: .float64
        case .string, .binary: .bytes
        case .decimal(let precision, _):
            precision <= DataType.decimalInt64PrecisionMax ? .int64 : .int128
        }
    }

    /// Parses a type name as written in schemas and on the command line
    /// (`INT64`, `BIGINT`, `STRING`, `VARCHAR`, `DECIMAL(15,2)`, ...); case-insensitive.
    public init?(parsing text: String) {
        let name = text.trimmed.uppercased()
        switch name {
        case "BOOLEAN", "BOOL": self = .boolean
        case "INT32", "INT", "INTEGER": self = .int32
        case "INT64", "BIGINT", "LONG": self = .int64
        case "FLOAT64", "DOUBLE", "FLOAT": self = .float64
        case "STRING", "VARCHAR", "TEXT": self = .string
        case "BINARY", "BLOB", "BYTES": self = .binary
        case "DATE": self = .date
        case "TIMESTAMP": self = .timestamp
        default:
            guard name.hasPrefix("DECIMAL(") || name.hasPrefix("NUMERIC("), name.hasSuffix(")") else {
                return nil
            }
            let inner = name.drop(while: { $0 != "(" }).dropFirst().dropLast()
            let parts = inner.split(separator: ",").map { Int($0.trimmed) }
            guard parts.count == 2, let precision = parts[0], let scale = parts[1],
                  (1...DataType.decimalPrecisionMax).contains(precision), (0...precision).contains(scale)
            else { return nil }
            self = .decimal(precision: precision, scale: scale)
        }
    }
}

/// How a column's values are laid out in memory.
public enum StorageKind: Sendable, Hashable {
    case boolean, int32, int64, int128, float64, bytes
}
