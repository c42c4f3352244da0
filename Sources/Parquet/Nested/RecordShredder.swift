import SluiceCore

/// Shreds nested rows into leaf columns (Dremel record shredding): every leaf gets one entry per
/// value, null or empty list or map on its path, with the repetition level of the innermost list
/// or map that repeats there and the definition level down to which the path is present.
///
/// Not thread-safe; owned by one `NestedParquetWriter`.
struct RecordShredder {
    let roots: [NestedLevelNode]
    let leaves: [NestedLeaf]
    private(set) var buffers: [NestedLeafBuffer]
    private(set) var rowCount = 0

    init(layout: NestedSchemaLayout) {
        roots = layout.roots
        leaves = layout.leaves
        buffers = Array(repeating: NestedLeafBuffer(), count: layout.leaves.count)
    }

    /// The buffered values' PLAIN size, roughly.
    var bufferedSizeBytes: Int {
        buffers.reduce(0) { $0 + $1.valueSizeBytes + $1.entryCount / 2 }
    }

    /// Appends one row: one value per top-level field. A row that does not fit the schema leaves
    /// the buffers as they were.
    /// - Throws: `SluiceError` (user input) naming the field whose value does not fit.
    mutating func append(row: [NestedValue]) throws {
        guard row.count == roots.count else {
            throw SluiceError.userInput("row has \(row.count) values for \(roots.count) top-level fields")
        }
        let marks = buffers.map(\.mark)
        do {
            for (node, value) in zip(roots, row) {
                try shred(value, node, repetitionLevel: 0)
            }
        } catch {
            for index in buffers.indices { buffers[index].rollBack(to: marks[index]) }
            throw error
        }
        rowCount += 1
    }

    /// Hands out the buffered rows and starts empty.
    mutating func take() -> [NestedLeafBuffer] {
        defer {
            buffers = Array(repeating: NestedLeafBuffer(), count: leaves.count)
            rowCount = 0
        }
        return buffers
    }

    private mutating func shred(_ value: NestedValue, _ node: NestedLevelNode, repetitionLevel: Int) throws {
        if value.isNull {
            guard node.isNullable else {
                throw SluiceError.userInput("field '\(node.dottedPath)' is not nullable but the row holds a null there")
            }
            appendAbsent(node, repetitionLevel: repetitionLevel, definitionLevel: node.definitionLevel - 1)
            return
        }
        switch (node.kind, value) {
        case (.primitive(let leaf, let type), .value(let primitive)):
            buffers[leaf].append(try RecordShredder.normalized(primitive, type, node), repetitionLevel: repetitionLevel,
                                 definitionLevel: node.definitionLevel)
        case (.structure(let children), .structure(let fields)):
            guard fields.count == children.count else {
                throw SluiceError.userInput("struct field '\(node.dottedPath)' has \(children.count) fields but the row gives \(fields.count) values")
            }
            for (child, field) in zip(children, fields) {
                try shred(field, child, repetitionLevel: repetitionLevel)
            }
        case (.list(let element, let entriesRepetition, _), .list(let items)):
            if items.isEmpty {
                appendAbsent(node, repetitionLevel: repetitionLevel, definitionLevel: node.definitionLevel)
            }
            for (index, item) in items.enumerated() {
                try shred(item, element, repetitionLevel: index == 0 ? repetitionLevel : entriesRepetition)
            }
        case (.map(let keyNode, let valueNode, let entriesRepetition, _), .map(let entries)):
            if entries.isEmpty {
                appendAbsent(node, repetitionLevel: repetitionLevel, definitionLevel: node.definitionLevel)
            }
            for (index, entry) in entries.enumerated() {
                let level = index == 0 ? repetitionLevel : entriesRepetition
                try shred(entry.key, keyNode, repetitionLevel: level)
                try shred(entry.value, valueNode, repetitionLevel: level)
            }
        default:
            throw SluiceError.userInput("field '\(node.dottedPath)' is \(node.nestedType) but the row holds \(value)")
        }
    }

    private mutating func appendAbsent(_ node: NestedLevelNode, repetitionLevel: Int, definitionLevel: Int) {
        for leaf in node.leafRange {
            buffers[leaf].appendAbsent(repetitionLevel: repetitionLevel, definitionLevel: definitionLevel)
        }
    }

    /// The value in the canonical case of the leaf's type, converted as flat columns convert
    /// boxed values (wider integers, rescaled decimals, ...).
    private static func normalized(_ value: Value, _ type: DataType, _ node: NestedLevelNode) throws -> Value {
        var builder = ColumnBuilder(type: type, capacity: 1)
        do {
            try builder.append(value)
        } catch let error as SluiceError {
            throw SluiceError.userInput("field '\(node.dottedPath)': \(error.message)")
        }
        return builder.finish()[0]
    }
}
