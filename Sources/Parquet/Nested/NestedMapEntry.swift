/// One key-value pair of a nested map value.
public struct NestedMapEntry: Sendable, Equatable {
    public var key: NestedValue
    public var value: NestedValue

    public init(key: NestedValue, value: NestedValue) {
        self.key = key
        self.value = value
    }
}
