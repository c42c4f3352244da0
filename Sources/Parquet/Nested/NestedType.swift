import SluiceCore

/// A node of a nested Parquet schema: a primitive leaf, a struct, a list or a map.
///
/// Lists and maps are written in the standard three-level forms of the format's logical type
/// rules; the reader also accepts the legacy forms older writers emit (see `NestedParquetReader`).
public indirect enum NestedType: Sendable, Equatable, CustomStringConvertible {
    /// A leaf of one Sluice type, stored as the flat writer stores a column of that type.
    case primitive(DataType)
    /// A group of named fields; a struct value holds one value per field, by position.
    case structure([NestedField])
    /// `<optional|required> group name (LIST) { repeated group list { <optional|required> element } }`.
    case list(element: NestedType, elementNullable: Bool)
    /// `<optional|required> group name (MAP) { repeated group key_value { required key; <optional|required> value } }`.
    /// Keys are never null.
    case map(key: NestedType, value: NestedType, valueNullable: Bool)

    public var description: String {
        switch self {
        case .primitive(let type):
            return type.description
        case .structure(let fields):
            return "STRUCT<" + fields.map(\.description).joined(separator: ", ") + ">"
        case .list(let element, let elementNullable):
            return "ARRAY<\(element)\(elementNullable ? "" : " NOT NULL")>"
        case .map(let key, let value, let valueNullable):
            return "MAP<\(key), \(value)\(valueNullable ? "" : " NOT NULL")>"
        }
    }
}
