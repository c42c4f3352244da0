import SluiceCore

/// A field of a nested file's schema as its rows are shredded into, and assembled from, leaf
/// columns: the definition level at which the field holds a value, and for lists and maps the
/// repetition level of their entries. Built from the file's schema elements, so legacy list and
/// map layouts, which place these levels differently, get the same logical shape.
///
/// Leaves under a node are consecutive in schema order: `leafRange`.
struct NestedLevelNode: Sendable {
    indirect enum Kind: Sendable {
        case primitive(leafIndex: Int, type: DataType)
        case structure([NestedLevelNode])
        /// `entriesDefinitionLevel`: the definition level from which the list has at least one
        /// element (one above the list's own), `repetitionLevel`: the level of its entries.
        case list(element: NestedLevelNode, repetitionLevel: Int, entriesDefinitionLevel: Int)
        case map(key: NestedLevelNode, value: NestedLevelNode, repetitionLevel: Int, entriesDefinitionLevel: Int)
    }

    var name: String
    /// Names from the top-level field down to this node, for messages (list and map wrappers
    /// included, as in the file's column paths).
    var path: [String]
    /// Whether a definition level below `definitionLevel` means this node is null (rather than
    /// an ancestor being null or empty).
    var isNullable: Bool
    /// The definition level at which this node is present (not null).
    var definitionLevel: Int
    var kind: Kind
    var leafRange: Range<Int>

    var dottedPath: String { path.joined(separator: ".") }

    /// The logical type of the node.
    var nestedType: NestedType {
        switch kind {
        case .primitive(_, let type):
            return .primitive(type)
        case .structure(let children):
            return .structure(children.map(\.nestedField))
        case .list(let element, _, _):
            return .list(element: element.nestedType, elementNullable: element.isNullable)
        case .map(let key, let value, _, _):
            return .map(key: key.nestedType, value: value.nestedType, valueNullable: value.isNullable)
        }
    }

    var nestedField: NestedField {
        NestedField(name, nestedType, nullable: isNullable)
    }
}
