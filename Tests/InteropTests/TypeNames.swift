import SluiceCore

/// How pyarrow and DuckDB name the types of the columns Sluice writes, and which Sluice type a
/// column that pyarrow names must come back as.
enum TypeNames {
    /// pyarrow's name for the column Sluice writes for `type`.
    static func arrow(_ type: DataType) -> String {
        switch type {
        case .boolean: "bool"
        case .int32: "int32"
        case .int64: "int64"
        case .float64: "double"
        case .string: "string"
        case .binary: "binary"
        case .date: "date32[day]"
        case .timestamp: "timestamp[us, tz=UTC]"
        case .decimal(let precision, let scale): "decimal128(\(precision), \(scale))"
        }
    }

    /// DuckDB's name for the column Sluice writes for `type`.
    static func duckDB(_ type: DataType) -> String {
        switch type {
        case .boolean: "BOOLEAN"
        case .int32: "INTEGER"
        case .int64: "BIGINT"
        case .float64: "DOUBLE"
        case .string: "VARCHAR"
        case .binary: "BLOB"
        case .date: "DATE"
        case .timestamp: "TIMESTAMP WITH TIME ZONE"
        case .decimal(let precision, let scale): "DECIMAL(\(precision),\(scale))"
        }
    }

    /// The Sluice type a column pyarrow reads as `arrowName` must have in Sluice: narrow
    /// integers widen to INT32, unsigned 32-bit to INT64, float to FLOAT64, every string and
    /// binary flavour to STRING and BINARY, every timestamp unit to TIMESTAMP (microseconds).
    static func sluiceType(forArrow arrowName: String) -> DataType? {
        switch arrowName {
        case "bool": return .boolean
        case "int8", "int16", "int32", "uint8", "uint16": return .int32
        case "int64", "uint32": return .int64
        case "float", "double": return .float64
        case "string", "large_string", "string_view": return .string
        case "binary", "large_binary", "binary_view": return .binary
        case "date32[day]": return .date
        default: break
        }
        if arrowName.hasPrefix("timestamp[") { return .timestamp }
        if arrowName.hasPrefix("decimal128(") || arrowName.hasPrefix("decimal256(") {
            let inner = arrowName.drop { $0 != "(" }.dropFirst().dropLast()
            let numbers = inner.split(separator: ",").compactMap { Int($0.trimmed) }
            guard numbers.count == 2 else { return nil }
            return .decimal(precision: numbers[0], scale: numbers[1])
        }
        return nil
    }
}
