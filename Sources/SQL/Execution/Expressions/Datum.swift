import SluiceCore

/// An intermediate result of evaluation: a column with one value per input row, or a single
/// value (possibly NULL) standing for all rows, so literals are never expanded until needed.
enum Datum {
    case column(Column)
    case scalar(Value, DataType)

    var type: DataType {
        switch self {
        case .column(let column): column.type
        case .scalar(_, let type): type
        }
    }

    var isNullScalar: Bool {
        if case .scalar(.null, _) = self { return true }
        return false
    }

    /// The validity of a column datum; nil (no nulls) for a scalar.
    var validity: ValidityBitmap? {
        if case .column(let column) = self { return column.validity }
        return nil
    }

    /// The value of one row, boxed; for slow paths and error messages.
    func value(at row: Int) -> Value {
        switch self {
        case .column(let column): column[row]
        case .scalar(let value, _): value
        }
    }

    /// The datum as a column of `count` rows.
    func materialized(count: Int) -> Column {
        switch self {
        case .column(let column): column
        case .scalar(let value, let type): Column.constant(value, type: type, count: count)
        }
    }
}

extension Column {
    /// A column repeating one value (already of `type`'s kind), built without per-row boxing.
    static func constant(_ value: Value, type: DataType, count: Int) -> Column {
        if value.isNull {
            return Column(type: type, values: ColumnValues.zeros(type.storage, count: count),
                          validity: ValidityBitmap(count: count, allValid: false))
        }
        let values: ColumnValues
        switch (type.storage, value) {
        case (.boolean, .boolean(let flag)): values = .boolean([Bool](repeating: flag, count: count))
        case (.int32, .int32(let number)), (.int32, .date(let number)): values = .int32([Int32](repeating: number, count: count))
        case (.int64, .int64(let number)), (.int64, .timestamp(let number)): values = .int64([Int64](repeating: number, count: count))
        case (.int64, .decimal(let unscaled, _)): values = .int64([Int64](repeating: Int64(unscaled), count: count))
        case (.int128, .decimal(let unscaled, _)): values = .int128([Int128](repeating: unscaled, count: count))
        case (.float64, .float64(let number)): values = .float64([Double](repeating: number, count: count))
        case (.bytes, .string(let text)): values = .bytes(BinaryBuffer(repeating: Array(text.utf8), count: count))
        case (.bytes, .binary(let bytes)): values = .bytes(BinaryBuffer(repeating: bytes, count: count))
        default: preconditionFailure("value \(value) is not of type \(type)")
        }
        return Column(type: type, values: values)
    }
}

extension ColumnValues {
    /// A buffer of `count` zero values (empty byte ranges), the content of null slots.
    static func zeros(_ storage: StorageKind, count: Int) -> ColumnValues {
        switch storage {
        case .boolean: .boolean([Bool](repeating: false, count: count))
        case .int32: .int32([Int32](repeating: 0, count: count))
        case .int64: .int64([Int64](repeating: 0, count: count))
        case .int128: .int128([Int128](repeating: 0, count: count))
        case .float64: .float64([Double](repeating: 0, count: count))
        case .bytes: .bytes(BinaryBuffer(offsets: [Int64](repeating: 0, count: count + 1), bytes: []))
        }
    }
}

extension BinaryBuffer {
    /// `count` copies of one value.
    init(repeating value: [UInt8], count: Int) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.count * count)
        for _ in 0..<count { bytes.append(contentsOf: value) }
        let width = Int64(value.count)
        self.init(offsets: (0...count).map { Int64($0) * width }, bytes: bytes)
    }
}
