import SluiceCore

/// How a window result becomes a table row: after `window_start` and `window_end`
/// (TIMESTAMP), the key's columns then the value's columns.
///
/// A value type; `Sendable`.
public struct WindowRowEncoding<Key, Value>: Sendable {
    public var keyFields: [Field]
    public var valueFields: [Field]
    /// The key's and the value's column values, in `keyFields + valueFields` order.
    public var values: @Sendable (Key, Value) -> [SluiceCore.Value]

    public init(keyFields: [Field], valueFields: [Field], values: @escaping @Sendable (Key, Value) -> [SluiceCore.Value]) {
        self.keyFields = keyFields
        self.valueFields = valueFields
        self.values = values
    }

    public static var windowStartColumn: String { "window_start" }
    public static var windowEndColumn: String { "window_end" }

    /// The table's schema.
    public var schema: Schema {
        Schema([Field(Self.windowStartColumn, .timestamp, nullable: false), Field(Self.windowEndColumn, .timestamp, nullable: false)]
               + keyFields + valueFields)
    }

    func row(_ result: WindowResult<Key, Value>) -> [SluiceCore.Value] {
        [.timestamp(result.windowStartMillis * 1000), .timestamp(result.windowEndMillis * 1000)] + values(result.key, result.value)
    }
}

extension WindowRowEncoding where Key: StreamColumnValue, Value: StreamColumnValue {
    /// One key column and one value column of the types' natural column types.
    public init(keyColumn: String, valueColumn: String) {
        self.init(keyFields: [Field(keyColumn, Key.columnType, nullable: false)],
                  valueFields: [Field(valueColumn, Value.columnType, nullable: false)]) { key, value in
            [key.columnValue, value.columnValue]
        }
    }
}
