/// The top-level fields of a nested Parquet file, in file order.
public struct NestedSchema: Sendable, Equatable, CustomStringConvertible {
    public var fields: [NestedField]

    public init(_ fields: [NestedField]) {
        self.fields = fields
    }

    /// The position of the top-level field called `name`, if any.
    public func index(of name: String) -> Int? {
        fields.firstIndex { $0.name == name }
    }

    public var description: String {
        fields.map(\.description).joined(separator: ", ")
    }
}
