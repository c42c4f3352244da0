/// `name TYPE [NOT NULL]` in `CREATE TABLE`.
public struct ColumnDefinition: Hashable, Sendable, CustomStringConvertible {
    public var name: Identifier
    public var type: DataTypeName
    /// False when declared `NOT NULL`.
    public var isNullable: Bool
    public var range: SourceRange

    public init(name: Identifier, type: DataTypeName, isNullable: Bool = true, range: SourceRange = .unknown) {
        self.name = name
        self.type = type
        self.isNullable = isNullable
        self.range = range
    }

    public var description: String {
        "\(name) \(type)\(isNullable ? "" : " NOT NULL")"
    }
}
