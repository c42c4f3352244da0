/// A column vector: a typed contiguous value buffer plus an optional validity bitmap
/// (`nil` means no row is null). Value semantics; the buffers are copy-on-write arrays.
public struct Column: Sendable, Equatable {
    public let type: DataType
    public let values: ColumnValues
    public let validity: ValidityBitmap?

    /// - Precondition: the buffer's storage matches `type` and the bitmap, if any, has as many
    ///   rows as the buffer.
    public init(type: DataType, values: ColumnValues, validity: ValidityBitmap? = nil) {
        precondition(values.storage == type.storage, "a \(type) column cannot hold \(values.storage) values")
        precondition(validity == nil || validity!.count == values.count, "validity bitmap length differs from the values")
        self.type = type
        self.values = values
        self.validity = validity.flatMap { $0.nullCount == 0 ? nil : $0 }
    }

    public var count: Int { values.count }

    public var nullCount: Int { validity?.nullCount ?? 0 }

    @inlinable @inline(__always)
    public func isNull(_ index: Int) -> Bool {
        guard let validity else { return false }
        return !validity.isValid(index)
    }

    /// The value of one row, boxed. For display and tests; hot loops read `values` directly.
    public subscript(index: Int) -> Value {
        if isNull(index) { return .null }
        switch (type, values) {
        case (.boolean, .boolean(let values)): return .boolean(values[index])
        case (.int32, .int32(let values)): return .int32(values[index])
        case (.date, .int32(let values)): return .date(values[index])
        case (.int64, .int64(let values)): return .int64(values[index])
        case (.timestamp, .int64(let values)): return .timestamp(values[index])
        case (.decimal(_, let scale), .int64(let values)): return .decimal(Int128(values[index]), scale: scale)
        case (.decimal(_, let scale), .int128(let values)): return .decimal(values[index], scale: scale)
        case (.float64, .float64(let values)): return .float64(values[index])
        case (.string, .bytes(let buffer)): return .string(buffer.string(at: index))
        case (.binary, .bytes(let buffer)): return .binary(Array(buffer[index]))
        default: preconditionFailure("column storage does not match its type")
        }
    }

    /// A column built from boxed values; `.null` entries become null rows.
    /// - Throws: `SluiceError` (user input) when a value does not fit `type`.
    public init(type: DataType, _ boxed: [Value]) throws {
        var builder = ColumnBuilder(type: type, capacity: boxed.count)
        for value in boxed { try builder.append(value) }
        self = builder.finish()
    }
}
