import SluiceCore

/// A Swift value that is one table column: join keys, and the key and value columns of the
/// convenience table encodings.
public protocol StreamColumnValue: Sendable {
    /// The column type the value is stored as.
    static var columnType: DataType { get }
    var columnValue: Value { get }
}

extension String: StreamColumnValue {
    public static var columnType: DataType { .string }
    public var columnValue: Value { .string(self) }
}

extension Int64: StreamColumnValue {
    public static var columnType: DataType { .int64 }
    public var columnValue: Value { .int64(self) }
}

extension Int: StreamColumnValue {
    public static var columnType: DataType { .int64 }
    public var columnValue: Value { .int64(Int64(self)) }
}

extension Int32: StreamColumnValue {
    public static var columnType: DataType { .int32 }
    public var columnValue: Value { .int32(self) }
}

extension Double: StreamColumnValue {
    public static var columnType: DataType { .float64 }
    public var columnValue: Value { .float64(self) }
}

extension Bool: StreamColumnValue {
    public static var columnType: DataType { .boolean }
    public var columnValue: Value { .boolean(self) }
}

extension Value {
    /// The value with integers widened to INT64, so an INT32 column matches an `Int` key.
    var lookupKey: Value {
        if case .int32(let value) = self { return .int64(Int64(value)) }
        return self
    }
}
