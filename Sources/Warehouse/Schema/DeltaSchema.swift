import Foundation
import SluiceCore

/// Converts between Sluice schemas and the log's `schemaString` (Spark's JSON schema).
public enum DeltaSchema {
    /// The JSON text of a schema.
    public static func schemaString(_ schema: Schema) throws -> String {
        let fields: [JSONValue] = schema.fields.map { field in
            .object(["name": .string(field.name), "type": .string(typeName(field.type)),
                     "nullable": .bool(field.isNullable), "metadata": .object([:])])
        }
        return try LogJSON.encode(JSONValue.object(["type": .string("struct"), "fields": .array(fields)]))
    }

    /// Parses a `schemaString`.
    /// - Throws: `SluiceError` (data) for malformed JSON or a type Sluice cannot hold (nested
    ///   columns, intervals), naming the column.
    public static func schema(from text: String) throws -> Schema {
        let root: JSONValue
        do {
            root = try LogJSON.decode(JSONValue.self, from: text)
        } catch {
            throw SluiceError.data("schemaString is not JSON")
        }
        guard root["type"]?.stringValue == "struct", case .array(let fields)? = root["fields"] else {
            throw SluiceError.data("schemaString is not a struct with fields")
        }
        return Schema(try fields.map { field in
            guard let name = field["name"]?.stringValue else { throw SluiceError.data("schema field without a name") }
            guard let typeText = field["type"]?.stringValue else {
                throw SluiceError.data("column '\(name)' has a nested type, which Sluice tables do not support yet",
                                       at: SourceLocation(field: name))
            }
            guard let type = dataType(typeText) else {
                throw SluiceError.data("column '\(name)' has type '\(typeText)', which Sluice does not support",
                                       at: SourceLocation(field: name))
            }
            var nullable = true
            if case .bool(let value)? = field["nullable"] { nullable = value }
            return Field(name, type, nullable: nullable)
        })
    }

    static func typeName(_ type: DataType) -> String {
        switch type {
        case .boolean: "boolean"
        case .int32: "integer"
        case .int64: "long"
        case .float64: "double"
        case .string: "string"
        case .binary: "binary"
        case .date: "date"
        case .timestamp: "timestamp"
        case .decimal(let precision, let scale): "decimal(\(precision),\(scale))"
        }
    }

    static func dataType(_ name: String) -> DataType? {
        switch name {
        case "boolean": return .boolean
        case "byte", "short", "integer": return .int32
        case "long": return .int64
        case "float", "double": return .float64
        case "string": return .string
        case "binary": return .binary
        case "date": return .date
        case "timestamp", "timestamp_ntz": return .timestamp
        default:
            guard name.hasPrefix("decimal") else { return nil }
            return DataType(parsing: name.uppercased())
        }
    }
}
