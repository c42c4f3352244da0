/// `DROP TABLE [IF EXISTS] name`.
public struct DropTable: Hashable, Sendable, CustomStringConvertible {
    public var name: QualifiedName
    /// Whether a missing table is fine rather than an error.
    public var ifExists: Bool
    public var range: SourceRange

    public init(name: QualifiedName, ifExists: Bool = false, range: SourceRange = .unknown) {
        self.name = name
        self.ifExists = ifExists
        self.range = range
    }

    public var description: String {
        "DROP TABLE " + (ifExists ? "IF EXISTS " : "") + name.description
    }
}
