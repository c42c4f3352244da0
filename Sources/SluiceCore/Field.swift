/// A named, typed column of a schema.
public struct Field: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var type: DataType
    public var isNullable: Bool

    public init(_ name: String, _ type: DataType, nullable: Bool = true) {
        self.name = name
        self.type = type
        self.isNullable = nullable
    }

    public var description: String {
        "\(name) \(type)\(isNullable ? "" : " NOT NULL")"
    }
}
