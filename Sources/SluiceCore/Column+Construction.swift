extension Column {
    /// A column of `count` nulls.
    public static func nulls(type: DataType, count: Int) -> Column {
        var builder = ColumnBuilder(type: type, capacity: count)
        for _ in 0..<count { builder.appendNull() }
        return builder.finish()
    }

    /// A column repeating one value.
    public static func repeating(_ value: Value, type: DataType, count: Int) throws -> Column {
        var builder = ColumnBuilder(type: type, capacity: count)
        for _ in 0..<count { try builder.append(value) }
        return builder.finish()
    }
}

extension Column {
    /// Bytes held by the value buffers (not counting the validity bitmap).
    public var sizeBytes: Int {
        switch values {
        case .boolean(let v): v.count
        case .int32(let v): v.count * 4
        case .int64(let v): v.count * 8
        case .int128(let v): v.count * 16
        case .float64(let v): v.count * 8
        case .bytes(let buffer): buffer.bytes.count + buffer.offsets.count * 8
        }
    }
}

extension RecordBatch {
    /// Bytes held by the columns' value buffers.
    public var sizeBytes: Int { columns.reduce(0) { $0 + $1.sizeBytes } }
}

extension Column {
    /// The column as another type, value by value.
    /// - Throws: `SluiceError` (data) naming the column when a value does not convert.
    public func converted(to type: DataType, name: String) throws -> Column {
        var builder = ColumnBuilder(type: type, capacity: count)
        for row in 0..<count {
            let value = self[row]
            guard let converted = value.converted(to: type) else {
                throw SluiceError.data("value \(value) of column '\(name)' is not a \(type)", at: SourceLocation(field: name))
            }
            try builder.append(converted)
        }
        return builder.finish()
    }
}

extension RecordBatch {
    /// The columns of `schema`, by name, in its order.
    /// - Throws: `SluiceError` (user input) for a column the batch lacks.
    public func project(_ schema: Schema) throws -> RecordBatch {
        if self.schema.fields.map(\.name) == schema.fields.map(\.name) { return self }
        return RecordBatch(schema: schema, columns: try schema.fields.map { field in
            guard let column = column(named: field.name) else { throw SluiceError.userInput("no column named '\(field.name)'") }
            return column
        })
    }
}
