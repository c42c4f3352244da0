/// A named field of a nested schema: a top-level column or a member of a struct.
public struct NestedField: Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var type: NestedType
    /// Whether the field may be null (Parquet OPTIONAL rather than REQUIRED).
    public var isNullable: Bool

    public init(_ name: String, _ type: NestedType, nullable: Bool = true) {
        self.name = name
        self.type = type
        self.isNullable = nullable
    }

    public var description: String {
        "\(name) \(type)\(isNullable ? "" : " NOT NULL")"
    }
}
