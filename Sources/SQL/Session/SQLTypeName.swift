import SluiceCore

/// Type names as SQL (and DuckDB) spell them, for `DESCRIBE` and result headers.
public enum SQLTypeName {
    public static func name(of type: DataType) -> String {
        switch type {
        case .boolean: "BOOLEAN"
        case .int32: "INTEGER"
        case .int64: "BIGINT"
        case .float64: "DOUBLE"
        case .string: "VARCHAR"
        case .binary: "BLOB"
        case .date: "DATE"
        case .timestamp: "TIMESTAMP"
        case .decimal(let precision, let scale): "DECIMAL(\(precision),\(scale))"
        }
    }
}
