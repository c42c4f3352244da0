/// A name: of a table, column, alias, function or common table expression.
///
/// Unquoted names are folded to lowercase by the parser; double-quoted ones keep their case.
/// Names compare by `value` only, so `"abc"` and `abc` are the same name.
public struct Identifier: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The name after case folding (unquoted) or unescaping (quoted).
    public var value: String
    /// Whether the name was written in double quotes.
    public var isQuoted: Bool
    public var range: SourceRange

    public init(_ value: String, isQuoted: Bool = false, range: SourceRange = .unknown) {
        self.value = value
        self.isQuoted = isQuoted
        self.range = range
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public static func == (lhs: Identifier, rhs: Identifier) -> Bool {
        lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
    }

    /// Quoted when written quoted or when the bare name would read back differently.
    public var description: String {
        isQuoted || !SQLText.isBareIdentifier(value) ? SQLText.quotedIdentifier(value) : value
    }
}
