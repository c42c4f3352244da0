import SluiceCore

/// Builds columns from rows picked out of several sorted blocks, in pick order: how a merge turns
/// its choices into output batches.
enum SortedRowGatherer {
    /// Column `columnIndex` of the picked rows: pick `i` is row `rows[i]` of `blocks[slots[i]]`.
    /// - Precondition: every block has the column, of one type.
    static func gather(_ blocks: [SortedBlock], slots: [Int32], rows: [Int32], columnIndex: Int) -> Column {
        let sources = blocks.map { $0.columns[columnIndex] }
        let type = sources[0].type
        let count = rows.count
        var validity: ValidityBitmap?
        if sources.contains(where: { $0.validity != nil }) {
            var bitmap = ValidityBitmap(count: count, allValid: true)
            for pick in 0..<count where sources[Int(slots[pick])].isNull(Int(rows[pick])) {
                bitmap.set(pick, valid: false)
            }
            validity = bitmap
        }
        let values: ColumnValues
        switch type.storage {
        case .boolean: values = .boolean(gatherFixed(sources, slots, rows) { if case .boolean(let v) = $0 { v } else { [] } })
        case .int32: values = .int32(gatherFixed(sources, slots, rows) { if case .int32(let v) = $0 { v } else { [] } })
        case .int64: values = .int64(gatherFixed(sources, slots, rows) { if case .int64(let v) = $0 { v } else { [] } })
        case .int128: values = .int128(gatherFixed(sources, slots, rows) { if case .int128(let v) = $0 { v } else { [] } })
        case .float64: values = .float64(gatherFixed(sources, slots, rows) { if case .float64(let v) = $0 { v } else { [] } })
        case .bytes:
            let buffers = sources.map { column -> BinaryBuffer in if case .bytes(let v) = column.values { v } else { BinaryBuffer() } }
            var byteCount = 0
            for pick in 0..<count { byteCount += buffers[Int(slots[pick])].byteRange(Int(rows[pick])).count }
            var output = BinaryBuffer()
            output.reserve(values: count, bytes: byteCount)
            for pick in 0..<count {
                let buffer = buffers[Int(slots[pick])]
                let range = buffer.byteRange(Int(rows[pick]))
                buffer.bytes.withUnsafeBytes { output.append(bytes: UnsafeRawBufferPointer(rebasing: $0[range])) }
            }
            values = .bytes(output)
        }
        return Column(type: type, values: values, validity: validity)
    }

    private static func gatherFixed<Element>(
        _ sources: [Column], _ slots: [Int32], _ rows: [Int32], _ extract: (ColumnValues) -> [Element]
    ) -> [Element] {
        let arrays = sources.map { extract($0.values) }
        if arrays.count == 1 {
            let only = arrays[0]
            return rows.map { only[Int($0)] }
        }
        return (0..<rows.count).map { arrays[Int(slots[$0])][Int(rows[$0])] }
    }
}
