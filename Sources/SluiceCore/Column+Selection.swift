extension Column {
    /// The rows at `indices`, in that order (indices may repeat).
    public func take(_ indices: [Int]) -> Column {
        var validity: ValidityBitmap?
        if let source = self.validity {
            var selected = ValidityBitmap(count: indices.count, allValid: true)
            for (position, index) in indices.enumerated() where !source.isValid(index) {
                selected.set(position, valid: false)
            }
            validity = selected
        }
        let values: ColumnValues
        switch self.values {
        case .boolean(let v): values = .boolean(indices.map { v[$0] })
        case .int32(let v): values = .int32(indices.map { v[$0] })
        case .int64(let v): values = .int64(indices.map { v[$0] })
        case .int128(let v): values = .int128(indices.map { v[$0] })
        case .float64(let v): values = .float64(indices.map { v[$0] })
        case .bytes(let buffer):
            values = .bytes(Self.take(indices, from: buffer))
        }
        return Column(type: type, values: values, validity: validity)
    }

    /// The values at `indices` of a byte buffer: offsets first, then one copy per value into
    /// a buffer sized once (no growth, no per-value bounds checks).
    private static func take(_ indices: [Int], from buffer: BinaryBuffer) -> BinaryBuffer {
        buffer.offsets.withUnsafeBufferPointer { sourceOffsets in
            var offsets = [Int64](repeating: 0, count: indices.count + 1)
            var total: Int64 = 0
            for (position, index) in indices.enumerated() {
                total += sourceOffsets[index + 1] - sourceOffsets[index]
                offsets[position + 1] = total
            }
            let bytes = [UInt8](unsafeUninitializedCapacity: Int(total)) { target, initialized in
                buffer.bytes.withUnsafeBufferPointer { source in
                    guard let sourceBase = source.baseAddress, let targetBase = target.baseAddress else { return }
                    var written = 0
                    for index in indices {
                        let start = Int(sourceOffsets[index])
                        let length = Int(sourceOffsets[index + 1]) - start
                        (targetBase + written).update(from: sourceBase + start, count: length)
                        written += length
                    }
                }
                initialized = Int(total)
            }
            return BinaryBuffer(offsets: offsets, bytes: bytes)
        }
    }

    /// Rows `range`, copied.
    public func slice(_ range: Range<Int>) -> Column {
        take(Array(range))
    }
}

extension RecordBatch {
    /// The rows at `indices`, in that order.
    public func take(_ indices: [Int]) -> RecordBatch {
        RecordBatch(schema: schema, columns: columns.map { $0.take(indices) }, rowCount: indices.count)
    }

    /// Rows `range`, copied.
    public func slice(_ range: Range<Int>) -> RecordBatch {
        take(Array(range))
    }

    /// Rows for which `predicate` holds (nulls never match).
    /// - Throws: `SluiceError` (user input) for an unknown column or a literal of the wrong type.
    public func filter(_ predicate: ColumnPredicate) throws -> RecordBatch {
        guard let index = schema.index(of: predicate.column) else {
            throw SluiceError.userInput("no column named '\(predicate.column)'; columns are \(schema.fields.map(\.name).joined(separator: ", "))")
        }
        let literal = try predicate.literal(as: schema.fields[index].type)
        let column = columns[index]
        let kept = (0..<rowCount).filter { row in
            !column.isNull(row) && predicate.matches(column[row], literal: literal)
        }
        return kept.count == rowCount ? self : take(kept)
    }
}
