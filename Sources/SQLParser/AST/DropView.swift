/// `DROP VIEW [IF EXISTS] name`.
public struct DropView: Hashable, Sendable, CustomStringConvertible {
    public var name: QualifiedName
    /// Whether a missing view is fine rather than an error.
    public var ifExists: Bool
    public var range: SourceRange

    public init(name: QualifiedName, ifExists: Bool = false, range: SourceRange = .unknown) {
        self.name = name
        self.ifExists = ifExists
        self.range = range
    }

    public var description: String {
        "DROP VIEW " + (ifExists ? "IF EXISTS " : "") + name.description
    }
}
