import SluiceCore

extension NestedSchema {
    /// The footer's schema: the root, then every field depth-first, lists and maps in the
    /// standard three-level forms with their LIST and MAP annotations, leaves annotated as the
    /// flat writer annotates columns of the same type.
    /// - Throws: `SluiceError` (user input) for a schema or struct without fields (Parquet has no
    ///   empty groups) or two fields of one struct with the same name.
    func schemaElements() throws -> [SchemaElement] {
        guard !fields.isEmpty else { throw SluiceError.userInput("a Parquet file needs at least one column") }
        try NestedSchema.checkNames(fields.map(\.name), in: "the schema")
        var root = SchemaElement(name: "schema")
        root.numChildren = Int32(fields.count)
        var elements = [root]
        for field in fields {
            try NestedSchema.appendElements(name: field.name, type: field.type, repetition: field.isNullable ? .optional : .required,
                                            path: [field.name], to: &elements)
        }
        return elements
    }

    private static func appendElements(name: String, type: NestedType, repetition: FieldRepetitionType,
                                       path: [String], to elements: inout [SchemaElement]) throws {
        switch type {
        case .primitive(let dataType):
            var element = ParquetColumnDescriptor(writing: Field(name, dataType)).schemaElement
            element.repetitionType = repetition
            elements.append(element)
        case .structure(let fields):
            let dotted = path.joined(separator: ".")
            guard !fields.isEmpty else {
                throw SluiceError.userInput("struct field '\(dotted)' has no fields; Parquet cannot store an empty group")
            }
            try checkNames(fields.map(\.name), in: "struct field '\(dotted)'")
            elements.append(SchemaElement(repetitionType: repetition, name: name, numChildren: Int32(fields.count)))
            for field in fields {
                try appendElements(name: field.name, type: field.type, repetition: field.isNullable ? .optional : .required,
                                   path: path + [field.name], to: &elements)
            }
        case .list(let element, let elementNullable):
            elements.append(SchemaElement(repetitionType: repetition, name: name, numChildren: 1, convertedType: .list, logicalType: .list))
            elements.append(SchemaElement(repetitionType: .repeated, name: "list", numChildren: 1))
            try appendElements(name: "element", type: element, repetition: elementNullable ? .optional : .required,
                               path: path + ["list", "element"], to: &elements)
        case .map(let key, let value, let valueNullable):
            elements.append(SchemaElement(repetitionType: repetition, name: name, numChildren: 1, convertedType: .map, logicalType: .map))
            elements.append(SchemaElement(repetitionType: .repeated, name: "key_value", numChildren: 2))
            try appendElements(name: "key", type: key, repetition: .required, path: path + ["key_value", "key"], to: &elements)
            try appendElements(name: "value", type: value, repetition: valueNullable ? .optional : .required,
                               path: path + ["key_value", "value"], to: &elements)
        }
    }

    /// Field names must be unique among siblings: readers look fields up by name.
    private static func checkNames(_ names: [String], in owner: String) throws {
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw SluiceError.userInput("\(owner) has two fields named '\(name)'")
        }
    }
}
