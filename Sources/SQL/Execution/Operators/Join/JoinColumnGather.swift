import SluiceCore

/// Typed gathers that build join output columns from row positions, where a negative position
/// stands for a NULL row (the missing side of an outer join).
///
/// Threading: stateless, called from every probing thread.
enum JoinColumnGather {
    /// The rows of `column` at `rows`, in that order; a negative position gives a NULL row.
    static func gather(_ column: Column, at rows: [Int32]) -> Column {
        let validity = gatheredValidity(column.validity, rows: rows)
        let values: ColumnValues
        switch column.values {
        case .boolean(let source): values = .boolean(gatherFixed(source, rows, zero: false))
        case .int32(let source): values = .int32(gatherFixed(source, rows, zero: 0))
        case .int64(let source): values = .int64(gatherFixed(source, rows, zero: 0))
        case .int128(let source): values = .int128(gatherFixed(source, rows, zero: 0))
        case .float64(let source): values = .float64(gatherFixed(source, rows, zero: 0))
        case .bytes(let source): values = .bytes(gatherBytes(source, rows))
        }
        return Column(type: column.type, values: values, validity: validity)
    }

    /// A column of `count` NULL rows.
    static func nulls(_ type: DataType, count: Int) -> Column {
        let values: ColumnValues
        switch type.storage {
        case .boolean: values = .boolean([Bool](repeating: false, count: count))
        case .int32: values = .int32([Int32](repeating: 0, count: count))
        case .int64: values = .int64([Int64](repeating: 0, count: count))
        case .int128: values = .int128([Int128](repeating: 0, count: count))
        case .float64: values = .float64([Double](repeating: 0, count: count))
        case .bytes: values = .bytes(BinaryBuffer(offsets: [Int64](repeating: 0, count: count + 1), bytes: []))
        }
        return Column(type: type, values: values, validity: count == 0 ? nil : ValidityBitmap(count: count, allValid: false))
    }

    private static func gatherFixed<Element>(_ source: [Element], _ rows: [Int32], zero: Element) -> [Element] {
        source.withUnsafeBufferPointer { source in
            rows.withUnsafeBufferPointer { rows in
                [Element](unsafeUninitializedCapacity: rows.count) { target, initialized in
                    for position in 0..<rows.count {
                        let row = Int(rows[position])
                        (target.baseAddress! + position).initialize(to: row >= 0 ? source[row] : zero)
                    }
                    initialized = rows.count
                }
            }
        }
    }

    private static func gatherBytes(_ source: BinaryBuffer, _ rows: [Int32]) -> BinaryBuffer {
        var byteCount = 0
        var offsets = [Int64](repeating: 0, count: rows.count + 1)
        source.offsets.withUnsafeBufferPointer { sourceOffsets in
            for position in 0..<rows.count {
                let row = Int(rows[position])
                if row >= 0 { byteCount += Int(sourceOffsets[row + 1] - sourceOffsets[row]) }
                offsets[position + 1] = Int64(byteCount)
            }
        }
        let bytes = source.bytes.withUnsafeBufferPointer { sourceBytes in
            source.offsets.withUnsafeBufferPointer { sourceOffsets in
                [UInt8](unsafeUninitializedCapacity: byteCount) { target, initialized in
                    var written = 0
                    for row in rows where row >= 0 {
                        let start = Int(sourceOffsets[Int(row)])
                        let length = Int(sourceOffsets[Int(row) + 1]) - start
                        if length > 0 {
                            (target.baseAddress! + written).initialize(from: sourceBytes.baseAddress! + start, count: length)
                            written += length
                        }
                    }
                    initialized = written
                }
            }
        }
        return BinaryBuffer(offsets: offsets, bytes: bytes)
    }

    /// The validity of the gathered rows, or nil when every gathered row holds a value.
    private static func gatheredValidity(_ source: ValidityBitmap?, rows: [Int32]) -> ValidityBitmap? {
        let hasMissingRows = rows.contains { $0 < 0 }
        guard source != nil || hasMissingRows else { return nil }
        var words = [UInt64](repeating: 0, count: (rows.count + 63) >> 6)
        for position in 0..<rows.count {
            let row = Int(rows[position])
            guard row >= 0 else { continue }
            if let source, !source.isValid(row) { continue }
            words[position >> 6] |= 1 << UInt64(position & 63)
        }
        return ValidityBitmap(words: words, count: rows.count)
    }
}
