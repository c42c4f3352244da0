import SQLParser
import SluiceCore

/// SQL type names as `CAST` and `CREATE TABLE` write them, with DuckDB's and PostgreSQL's
/// synonyms.
enum DataTypeNames {
    static func dataType(_ name: DataTypeName) throws -> DataType {
        let parameters = name.parameters
        switch name.name.lowercased() {
        case "boolean", "bool", "logical": return .boolean
        case "int", "integer", "int4", "int32", "signed", "smallint", "int2", "tinyint", "int1": return .int32
        case "bigint", "int8", "int64", "long": return .int64
        case "double", "float8", "float", "real", "float4", "float64", "double precision": return .float64
        case "varchar", "text", "string", "char", "bpchar", "character varying", "character": return .string
        case "blob", "binary", "bytea", "varbinary": return .binary
        case "date": return .date
        case "timestamp", "datetime", "timestamptz", "timestamp with time zone": return .timestamp
        case "decimal", "numeric", "dec":
            let precision = parameters.first ?? 18
            let scale = parameters.count > 1 ? parameters[1] : (parameters.isEmpty ? 3 : 0)
            guard (1...DataType.decimalPrecisionMax).contains(precision), (0...precision).contains(scale) else {
                throw BindError.make("DECIMAL(\(precision), \(scale)) is out of range (precision 1...38, scale 0...precision)",
                                     at: name.range)
            }
            return .decimal(precision: precision, scale: scale)
        default:
            throw BindError.make("unknown type '\(name.name)'", at: name.range)
        }
    }
}
