import Parquet
import SluiceCore

/// A nested value in the canonical JSON form of `python/nested_files.py`: null, a primitive's
/// canonical text (see `CanonicalText`), a struct as an object by field name, a list as an
/// array, a map as an array of `[key, value]` pairs. Sluice's rows and pyarrow's dumps compare
/// in this form.
indirect enum CanonicalNestedValue: Decodable, Equatable, Sendable, CustomStringConvertible {
    case null
    case text(String)
    case array([CanonicalNestedValue])
    case object([String: CanonicalNestedValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let items = try? container.decode([CanonicalNestedValue].self) {
            self = .array(items)
        } else {
            self = .object(try container.decode([String: CanonicalNestedValue].self))
        }
    }

    /// The canonical form of a Sluice value of `type`.
    init(_ value: NestedValue, _ type: NestedType) {
        switch (value, type) {
        case (.null, _):
            self = .null
        case (.value(let primitive), _):
            self = CanonicalText.text(primitive).map { .text($0) } ?? .null
        case (.structure(let values), .structure(let fields)):
            self = .object(Dictionary(zip(fields, values).map { ($0.name, CanonicalNestedValue($1, $0.type)) },
                                      uniquingKeysWith: { first, _ in first }))
        case (.list(let items), .list(let element, _)):
            self = .array(items.map { CanonicalNestedValue($0, element) })
        case (.map(let entries), .map(let key, let valueType, _)):
            self = .array(entries.map { .array([CanonicalNestedValue($0.key, key), CanonicalNestedValue($0.value, valueType)]) })
        default:
            self = .text("<\(value) does not fit \(type)>")
        }
    }

    /// Strings compare by their UTF-8 bytes, as in `ValueComparison`.
    static func == (left: CanonicalNestedValue, right: CanonicalNestedValue) -> Bool {
        switch (left, right) {
        case (.null, .null): true
        case (.text(let a), .text(let b)): ValueComparison.sameBytes(a, b)
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a == b
        default: false
        }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .text(let text): text.debugDescription
        case .array(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let fields):
            "{" + fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}
