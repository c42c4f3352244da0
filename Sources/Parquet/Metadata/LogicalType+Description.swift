extension LogicalType: CustomStringConvertible {
    /// The annotation as parquet-tools and pyarrow print it, e.g. `TIMESTAMP(MICROS,UTC)`.
    public var description: String {
        switch self {
        case .string: "STRING"
        case .map: "MAP"
        case .list: "LIST"
        case .enumeration: "ENUM"
        case .decimal(let scale, let precision): "DECIMAL(\(precision),\(scale))"
        case .date: "DATE"
        case .time(let utc, let unit): "TIME(\(unit.name)\(utc ? ",UTC" : ""))"
        case .timestamp(let utc, let unit): "TIMESTAMP(\(unit.name)\(utc ? ",UTC" : ""))"
        case .integer(let bitWidth, let signed): "INTEGER(\(bitWidth),\(signed ? "signed" : "unsigned"))"
        case .unknown: "UNKNOWN"
        case .json: "JSON"
        case .bson: "BSON"
        case .uuid: "UUID"
        case .float16: "FLOAT16"
        case .other(let fieldId): "logical type #\(fieldId)"
        }
    }
}

extension TimeUnit {
    var name: String {
        switch self {
        case .millis: "MILLIS"
        case .micros: "MICROS"
        case .nanos: "NANOS"
        }
    }
}
