/// The aggregate of one key's events in one window.
public struct WindowResult<Key, Value> {
    public var key: Key
    public var windowStartMillis: Int64
    /// Exclusive.
    public var windowEndMillis: Int64
    public var value: Value

    public init(key: Key, windowStartMillis: Int64, windowEndMillis: Int64, value: Value) {
        self.key = key
        self.windowStartMillis = windowStartMillis
        self.windowEndMillis = windowEndMillis
        self.value = value
    }
}

extension WindowResult: Sendable where Key: Sendable, Value: Sendable {}
extension WindowResult: Equatable where Key: Equatable, Value: Equatable {}
extension WindowResult: Hashable where Key: Hashable, Value: Hashable {}
