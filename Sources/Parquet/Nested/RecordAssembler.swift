import SluiceCore

/// Assembles nested values from shredded leaf columns (Dremel record assembly): walks a field's
/// level tree, reading each leaf's entries in order. A definition level below a node's means the
/// node is null (or, for a list or map, empty); a repetition level equal to a list's or map's
/// means another entry of it follows.
///
/// The leaves' levels are taken as untrusted: entries that disagree between leaves, run out
/// early or are left over throw `SluiceError` (data) naming the file and column; nothing here
/// can crash or loop on malformed input, since every step consumes an entry.
/// Not thread-safe; one per row group being read.
struct RecordAssembler {
    private struct Cursor {
        var buffer: NestedLeafBuffer
        var entry = 0
        var value = 0
    }

    let leaves: [NestedLeaf]
    let filePath: String
    private var cursors: [Cursor]

    /// - Parameter buffers: one per leaf; leaves of fields that are not assembled may be empty.
    init(leaves: [NestedLeaf], buffers: [NestedLeafBuffer], filePath: String) {
        self.leaves = leaves
        self.filePath = filePath
        self.cursors = buffers.map { Cursor(buffer: $0) }
    }

    /// The values of a top-level field for `rowCount` rows; its leaves must hold exactly those.
    mutating func assemble(_ root: NestedLevelNode, rowCount: Int) throws -> [NestedValue] {
        var values: [NestedValue] = []
        for row in 0..<rowCount {
            for leaf in root.leafRange {
                guard let (repetitionLevel, _) = peek(leaf) else {
                    throw corrupt(leaf, "column ends after \(row) of \(rowCount) rows")
                }
                guard repetitionLevel == 0 else {
                    throw corrupt(leaf, "row \(row) starts at repetition level \(repetitionLevel) instead of 0")
                }
            }
            values.append(try read(root))
        }
        for leaf in root.leafRange {
            let cursor = cursors[leaf]
            guard cursor.entry == cursor.buffer.entryCount, cursor.value == cursor.buffer.values.count else {
                throw corrupt(leaf, "column holds more entries than its \(rowCount) rows")
            }
        }
        return values
    }

    private func peek(_ leaf: Int) -> (repetitionLevel: Int, definitionLevel: Int)? {
        let cursor = cursors[leaf]
        guard cursor.entry < cursor.buffer.entryCount else { return nil }
        return (Int(cursor.buffer.repetitionLevels[cursor.entry]), Int(cursor.buffer.definitionLevels[cursor.entry]))
    }

    private func corrupt(_ leaf: Int, _ message: String) -> SluiceError {
        SluiceError.data("corrupt nested column: \(message)", at: SourceLocation(file: filePath, field: leaves[leaf].dottedPath))
    }

    /// Reads the value of `node` at the leaves' current entries.
    private mutating func read(_ node: NestedLevelNode) throws -> NestedValue {
        let first = node.leafRange.lowerBound
        guard let (repetitionLevel, definitionLevel) = peek(first) else {
            throw corrupt(first, "column ends inside a row")
        }
        if definitionLevel < node.definitionLevel {
            guard node.isNullable else {
                throw corrupt(first, "definition level \(definitionLevel) leaves required field '\(node.dottedPath)' out")
            }
            try skipEntry(node, repetitionLevel: repetitionLevel, definitionLevel: definitionLevel)
            return .null
        }
        switch node.kind {
        case .primitive(let leaf, _):
            guard cursors[leaf].value < cursors[leaf].buffer.values.count else {
                throw corrupt(leaf, "more defined entries than values")
            }
            let value = cursors[leaf].buffer.values[cursors[leaf].value]
            cursors[leaf].value += 1
            cursors[leaf].entry += 1
            return .value(value)
        case .structure(let children):
            var fields: [NestedValue] = []
            fields.reserveCapacity(children.count)
            for child in children { fields.append(try read(child)) }
            return .structure(fields)
        case .list(let element, let entriesRepetition, let entriesDefinition):
            if definitionLevel < entriesDefinition {
                try skipEntry(node, repetitionLevel: repetitionLevel, definitionLevel: definitionLevel)
                return .list([])
            }
            var items: [NestedValue] = []
            repeat {
                items.append(try read(element))
            } while try continuesEntries(first, repetitionLevel: entriesRepetition)
            return .list(items)
        case .map(let key, let value, let entriesRepetition, let entriesDefinition):
            if definitionLevel < entriesDefinition {
                try skipEntry(node, repetitionLevel: repetitionLevel, definitionLevel: definitionLevel)
                return .map([])
            }
            var entries: [NestedMapEntry] = []
            repeat {
                let keyValue = try read(key)
                entries.append(NestedMapEntry(key: keyValue, value: try read(value)))
            } while try continuesEntries(first, repetitionLevel: entriesRepetition)
            return .map(entries)
        }
    }

    /// Whether the next entry of `leaf` is another entry of the list or map repeated at
    /// `repetitionLevel` (after one entry of it was read completely).
    private func continuesEntries(_ leaf: Int, repetitionLevel: Int) throws -> Bool {
        guard let (nextRepetition, _) = peek(leaf) else { return false }
        guard nextRepetition <= repetitionLevel else {
            throw corrupt(leaf, "repetition level \(nextRepetition) where at most \(repetitionLevel) may follow")
        }
        return nextRepetition == repetitionLevel
    }

    /// Moves every leaf under `node` past the one entry that says the node is null or empty;
    /// all of them must say so alike.
    private mutating func skipEntry(_ node: NestedLevelNode, repetitionLevel: Int, definitionLevel: Int) throws {
        for leaf in node.leafRange {
            guard let (leafRepetition, leafDefinition) = peek(leaf) else {
                throw corrupt(leaf, "column ends inside a row")
            }
            guard leafRepetition == repetitionLevel, leafDefinition == definitionLevel else {
                throw corrupt(leaf, "levels (\(leafRepetition), \(leafDefinition)) disagree with (\(repetitionLevel), \(definitionLevel)) of '\(leaves[node.leafRange.lowerBound].dottedPath)'")
            }
            cursors[leaf].entry += 1
        }
    }
}
