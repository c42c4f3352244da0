extension RecordBatch {
    /// The rows of several batches of the same schema, one after another.
    /// - Precondition: every batch has `schema`'s column types.
    public static func concatenate(_ batches: [RecordBatch], schema: Schema) -> RecordBatch {
        if batches.count == 1, batches[0].schema == schema { return batches[0] }
        let columns = schema.fields.indices.map { index in
            Column.concatenate(batches.map { $0.columns[index] }, type: schema.fields[index].type)
        }
        return RecordBatch(schema: schema, columns: columns, rowCount: batches.reduce(0) { $0 + $1.rowCount })
    }

    /// The rows ordered by the given columns, ascending, nulls first; stable.
    /// - Throws: `SluiceError` (user input) for an unknown column.
    public func sorted(by names: [String]) throws -> RecordBatch {
        let keys = try names.map { name -> Column in
            guard let column = column(named: name) else {
                throw SluiceError.userInput("cannot sort by '\(name)': no such column")
            }
            return column
        }
        guard !keys.isEmpty, rowCount > 1 else { return self }
        let order = (0..<rowCount).sorted { left, right in
            for key in keys {
                let order = key.compareRows(left, right)
                if order != 0 { return order < 0 }
            }
            return left < right
        }
        return take(order)
    }
}

extension Column {
    /// Columns of one type, appended.
    public static func concatenate(_ columns: [Column], type: DataType) -> Column {
        var validity: ValidityBitmap?
        if columns.contains(where: { $0.validity != nil }) {
            var combined = ValidityBitmap(count: 0, allValid: true)
            for column in columns {
                for row in 0..<column.count { combined.append(!column.isNull(row)) }
            }
            validity = combined
        }
        let values: ColumnValues
        switch type.storage {
        case .boolean: values = .boolean(columns.flatMap { column -> [Bool] in if case .boolean(let v) = column.values { return v }; return [] })
        case .int32: values = .int32(columns.flatMap { column -> [Int32] in if case .int32(let v) = column.values { return v }; return [] })
        case .int64: values = .int64(columns.flatMap { column -> [Int64] in if case .int64(let v) = column.values { return v }; return [] })
        case .int128: values = .int128(columns.flatMap { column -> [Int128] in if case .int128(let v) = column.values { return v }; return [] })
        case .float64: values = .float64(columns.flatMap { column -> [Double] in if case .float64(let v) = column.values { return v }; return [] })
        case .bytes:
            var buffer = BinaryBuffer()
            for column in columns {
                guard case .bytes(let part) = column.values else { continue }
                let base = buffer.offsets[buffer.offsets.count - 1]
                buffer.bytes.append(contentsOf: part.bytes)
                buffer.offsets.append(contentsOf: part.offsets.dropFirst().map { $0 + base })
            }
            values = .bytes(buffer)
        }
        return Column(type: type, values: values, validity: validity)
    }

    /// Orders two rows: negative, zero or positive; nulls first, NaN last among doubles,
    /// strings and binary byte-wise.
    public func compareRows(_ left: Int, _ right: Int) -> Int {
        let leftNull = isNull(left)
        let rightNull = isNull(right)
        if leftNull || rightNull { return leftNull == rightNull ? 0 : (leftNull ? -1 : 1) }
        switch values {
        case .boolean(let v): return v[left] == v[right] ? 0 : (v[left] ? 1 : -1)
        case .int32(let v): return v[left] < v[right] ? -1 : (v[left] == v[right] ? 0 : 1)
        case .int64(let v): return v[left] < v[right] ? -1 : (v[left] == v[right] ? 0 : 1)
        case .int128(let v): return v[left] < v[right] ? -1 : (v[left] == v[right] ? 0 : 1)
        case .float64(let v):
            let (a, b) = (v[left], v[right])
            if a.isNaN || b.isNaN { return a.isNaN == b.isNaN ? 0 : (a.isNaN ? 1 : -1) }
            return a < b ? -1 : (a == b ? 0 : 1)
        case .bytes(let buffer):
            let (a, b) = (buffer.byteRange(left), buffer.byteRange(right))
            return buffer.bytes.withUnsafeBufferPointer { bytes in
                var i = a.lowerBound
                var j = b.lowerBound
                while i < a.upperBound, j < b.upperBound {
                    if bytes[i] != bytes[j] { return bytes[i] < bytes[j] ? -1 : 1 }
                    i += 1
                    j += 1
                }
                return a.count - b.count
            }
        }
    }
}
