import SluiceCore

/// The shredded form of one leaf column: a repetition and a definition level per entry, and the
/// values of the entries defined down to the leaf, densely. Filled by `RecordShredder` when
/// writing and by `NestedColumnChunkReader` when reading.
struct NestedLeafBuffer: Sendable {
    var repetitionLevels: [UInt32] = []
    var definitionLevels: [UInt32] = []
    /// Non-null values, in entry order; Sluice's canonical case for the leaf's type.
    var values: [Value] = []
    /// The values' PLAIN size, roughly (for page and row group sizing).
    var valueSizeBytes = 0

    /// Level entries (values and nulls or empty lists alike).
    var entryCount: Int { definitionLevels.count }

    /// A position to roll back to.
    struct Mark {
        var entryCount: Int
        var valueCount: Int
        var valueSizeBytes: Int
    }

    var mark: Mark { Mark(entryCount: entryCount, valueCount: values.count, valueSizeBytes: valueSizeBytes) }

    mutating func rollBack(to mark: Mark) {
        repetitionLevels.removeLast(repetitionLevels.count - mark.entryCount)
        definitionLevels.removeLast(definitionLevels.count - mark.entryCount)
        values.removeLast(values.count - mark.valueCount)
        valueSizeBytes = mark.valueSizeBytes
    }

    /// Appends an entry without a value: null or empty at some level above the leaf.
    mutating func appendAbsent(repetitionLevel: Int, definitionLevel: Int) {
        repetitionLevels.append(UInt32(repetitionLevel))
        definitionLevels.append(UInt32(definitionLevel))
    }

    mutating func append(_ value: Value, repetitionLevel: Int, definitionLevel: Int) {
        repetitionLevels.append(UInt32(repetitionLevel))
        definitionLevels.append(UInt32(definitionLevel))
        values.append(value)
        valueSizeBytes += NestedLeafBuffer.plainSizeBytes(value)
    }

    static func plainSizeBytes(_ value: Value) -> Int {
        switch value {
        case .string(let text): 4 + text.utf8.count
        case .binary(let bytes): 4 + bytes.count
        case .decimal: 16
        default: 8
        }
    }
}
