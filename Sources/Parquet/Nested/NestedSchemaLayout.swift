import SluiceCore

/// The shape of a nested file: the level tree of every top-level field and the leaf columns,
/// decoded from the footer's flattened schema elements.
///
/// Lists and maps are recognised in the standard forms and in the legacy forms of the format's
/// backward-compatibility rules:
/// - a LIST group whose repeated child is a primitive, a group of several fields, or a group
///   named `array` or `<list name>_tuple`: that child is the element, and elements are required
///   (two-level lists);
/// - a group annotated MAP or MAP_KEY_VALUE, whose repeated child holds the key and value;
///   a repeated MAP_KEY_VALUE group without a MAP parent is a map too;
/// - a repeated field without a LIST or MAP annotation: a list of required elements, which is
///   itself never null.
struct NestedSchemaLayout: Sendable {
    /// One node per top-level field, in file order.
    var roots: [NestedLevelNode]
    var leaves: [NestedLeaf]

    /// Deeper schemas are refused rather than recursed into.
    static let depthMax = 64

    var schema: NestedSchema {
        NestedSchema(roots.map(\.nestedField))
    }

    /// - Throws: `SluiceError` (data) naming `filePath` for a malformed tree, a list or map that
    ///   fits none of the known forms, or a leaf of a type Sluice cannot represent.
    init(elements: [SchemaElement], filePath: String) throws {
        var decoder = Decoder(elements: elements, filePath: filePath)
        guard let root = elements.first else { throw decoder.corrupt("empty schema") }
        let childCount = Int(root.numChildren ?? 0)
        guard childCount >= 0 else { throw decoder.corrupt("root has \(childCount) children") }
        var roots: [NestedLevelNode] = []
        decoder.position = 1
        for _ in 0..<childCount {
            roots.append(try decoder.field(parentPath: [], definitionLevel: 0, repetitionLevel: 0, depth: 0))
        }
        guard decoder.position == elements.count else {
            throw decoder.corrupt("\(elements.count - decoder.position) schema elements follow the last field")
        }
        self.roots = roots
        self.leaves = decoder.leaves
    }

    /// Walks the flattened elements depth-first.
    private struct Decoder {
        let elements: [SchemaElement]
        let filePath: String
        var position = 0
        var leaves: [NestedLeaf] = []

        init(elements: [SchemaElement], filePath: String) {
            self.elements = elements
            self.filePath = filePath
        }

        func corrupt(_ message: String, field: String? = nil) -> SluiceError {
            SluiceError.data("unsupported or corrupt schema: \(message)", at: SourceLocation(file: filePath, field: field))
        }

        /// Takes the next element.
        mutating func next(depth: Int) throws -> SchemaElement {
            guard depth < NestedSchemaLayout.depthMax else { throw corrupt("nesting deeper than \(NestedSchemaLayout.depthMax) levels") }
            guard position < elements.count else { throw corrupt("schema has fewer elements than its groups declare") }
            defer { position += 1 }
            return elements[position]
        }

        /// The field at the current element, whose parent is present at `definitionLevel` and
        /// repeated at `repetitionLevel`.
        mutating func field(parentPath: [String], definitionLevel: Int, repetitionLevel: Int, depth: Int) throws -> NestedLevelNode {
            let element = try next(depth: depth)
            let path = parentPath + [element.name]
            switch element.repetitionType {
            case .repeated?:
                // A bare repeated field is a list of required elements; the list is never null.
                // A repeated MAP_KEY_VALUE group is a legacy map in the same way.
                let firstLeaf = leaves.count
                let entriesLevel = definitionLevel + 1
                let kind: NestedLevelNode.Kind
                if element.convertedType == .mapKeyValue, (element.numChildren ?? 0) == 2 {
                    kind = try mapKind(element, path: path, definitionLevel: entriesLevel, repetitionLevel: repetitionLevel + 1, depth: depth)
                } else {
                    var item = try contents(of: element, path: path, definitionLevel: entriesLevel,
                                            repetitionLevel: repetitionLevel + 1, depth: depth)
                    item.isNullable = false
                    kind = .list(element: item, repetitionLevel: repetitionLevel + 1, entriesDefinitionLevel: entriesLevel)
                }
                return NestedLevelNode(name: element.name, path: path, isNullable: false, definitionLevel: definitionLevel,
                                       kind: kind, leafRange: firstLeaf..<leaves.count)
            case .optional?, .required?:
                let isNullable = element.repetitionType == .optional
                var node = try contents(of: element, path: path, definitionLevel: definitionLevel + (isNullable ? 1 : 0),
                                        repetitionLevel: repetitionLevel, depth: depth)
                node.isNullable = isNullable
                return node
            default:
                throw corrupt("field has no valid repetition type", field: path.joined(separator: "."))
            }
        }

        /// The node for `element` (already taken) present at `definitionLevel`, decoding its
        /// children: a leaf, a LIST or MAP group, or a struct. Not nullable; callers set that.
        mutating func contents(of element: SchemaElement, path: [String], definitionLevel: Int,
                               repetitionLevel: Int, depth: Int) throws -> NestedLevelNode {
            let firstLeaf = leaves.count
            let childCount = Int(element.numChildren ?? 0)
            let kind: NestedLevelNode.Kind
            if childCount <= 0 {
                guard element.type != nil else { throw corrupt("group without children", field: path.joined(separator: ".")) }
                let descriptor = try ParquetColumnDescriptor(reading: element, path: filePath)
                leaves.append(NestedLeaf(path: path, descriptor: descriptor, maxDefinitionLevel: definitionLevel,
                                         maxRepetitionLevel: repetitionLevel))
                kind = .primitive(leafIndex: firstLeaf, type: descriptor.field.type)
            } else if element.logicalType == .list || element.convertedType == .list {
                kind = try listKind(element, path: path, definitionLevel: definitionLevel, repetitionLevel: repetitionLevel, depth: depth)
            } else if element.logicalType == .map || element.convertedType == .map || element.convertedType == .mapKeyValue {
                guard childCount == 1 else {
                    throw corrupt("map group has \(childCount) children instead of one repeated group", field: path.joined(separator: "."))
                }
                let entries = try next(depth: depth + 1)
                guard entries.repetitionType == .repeated, (entries.numChildren ?? 0) > 0 else {
                    throw corrupt("map group's child is not a repeated group", field: path.joined(separator: "."))
                }
                kind = try mapKind(entries, path: path + [entries.name], definitionLevel: definitionLevel + 1,
                                   repetitionLevel: repetitionLevel + 1, depth: depth + 1)
            } else {
                var children: [NestedLevelNode] = []
                for _ in 0..<childCount {
                    children.append(try field(parentPath: path, definitionLevel: definitionLevel, repetitionLevel: repetitionLevel,
                                              depth: depth + 1))
                }
                kind = .structure(children)
            }
            return NestedLevelNode(name: element.name, path: path, isNullable: false, definitionLevel: definitionLevel,
                                   kind: kind, leafRange: firstLeaf..<leaves.count)
        }

        /// A LIST group's contents: its one repeated child, in the three-level form or a legacy
        /// two-level form.
        mutating func listKind(_ list: SchemaElement, path: [String], definitionLevel: Int,
                               repetitionLevel: Int, depth: Int) throws -> NestedLevelNode.Kind {
            let dotted = path.joined(separator: ".")
            guard list.numChildren == 1 else { throw corrupt("list group has \(list.numChildren ?? 0) children instead of one", field: dotted) }
            let repeatedIndex = position
            let repeated = try next(depth: depth + 1)
            guard repeated.repetitionType == .repeated else { throw corrupt("list group's child is not repeated", field: dotted) }
            let entriesLevel = definitionLevel + 1
            let entriesRepetition = repetitionLevel + 1
            let repeatedPath = path + [repeated.name]
            let childCount = Int(repeated.numChildren ?? 0)
            var isElementItself = childCount != 1 || repeated.name == "array" || repeated.name == list.name + "_tuple"
            if !isElementItself, repeatedIndex + 1 < elements.count, elements[repeatedIndex + 1].repetitionType == .repeated {
                // A repeated group whose only field is repeated too: the group is the element.
                isElementItself = true
            }
            var element: NestedLevelNode
            if isElementItself {
                element = try contents(of: repeated, path: repeatedPath, definitionLevel: entriesLevel,
                                       repetitionLevel: entriesRepetition, depth: depth + 1)
                element.isNullable = false
            } else {
                element = try field(parentPath: repeatedPath, definitionLevel: entriesLevel, repetitionLevel: entriesRepetition,
                                    depth: depth + 2)
            }
            return .list(element: element, repetitionLevel: entriesRepetition, entriesDefinitionLevel: entriesLevel)
        }

        /// A map's contents from its repeated key-value group (already taken), whose first field
        /// is the key and second the value.
        mutating func mapKind(_ entries: SchemaElement, path: [String], definitionLevel: Int,
                              repetitionLevel: Int, depth: Int) throws -> NestedLevelNode.Kind {
            guard entries.numChildren == 2 else {
                throw corrupt("map entries group has \(entries.numChildren ?? 0) fields instead of a key and a value",
                              field: path.joined(separator: "."))
            }
            let key = try field(parentPath: path, definitionLevel: definitionLevel, repetitionLevel: repetitionLevel, depth: depth + 1)
            let value = try field(parentPath: path, definitionLevel: definitionLevel, repetitionLevel: repetitionLevel, depth: depth + 1)
            return .map(key: key, value: value, repetitionLevel: repetitionLevel, entriesDefinitionLevel: definitionLevel)
        }
    }
}
