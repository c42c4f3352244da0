import SluiceCore

/// One value of a nested row: null, a primitive, or a struct, list or map of further values.
///
/// A primitive null may be given as `.null` or `.value(.null)`; the reader always returns `.null`.
public indirect enum NestedValue: Sendable, Equatable, CustomStringConvertible {
    case null
    /// A primitive value of the field's `DataType`.
    case value(Value)
    /// One value per field of the struct, by field position.
    case structure([NestedValue])
    case list([NestedValue])
    /// Entries in file order (keys are not required to be unique or sorted).
    case map([NestedMapEntry])

    /// Whether the value is null (either spelling).
    public var isNull: Bool {
        switch self {
        case .null: true
        case .value(let value): value.isNull
        default: false
        }
    }

    public var description: String {
        switch self {
        case .null: "NULL"
        case .value(let value): value.description
        case .structure(let fields): "{" + fields.map(\.description).joined(separator: ", ") + "}"
        case .list(let elements): "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .map(let entries): "{" + entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}
