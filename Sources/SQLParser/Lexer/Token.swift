/// One lexical unit of SQL text.
public struct Token: Hashable, Sendable, CustomStringConvertible {
    /// What sort of token this is; `value` is read according to it.
    public enum Kind: Hashable, Sendable {
        /// An unquoted name or keyword; `value` is the lowercased text.
        case word
        /// A `"double-quoted"` name; `value` is the name with `""` unescaped, case kept.
        case quotedIdentifier
        /// A `'single-quoted'` string; `value` is the text with `''` unescaped.
        case string
        /// Digits only; `value` is the digits as written.
        case integer
        /// Digits with a decimal point and no exponent (`0.05`, `.5`, `1.`), kept as written.
        case decimal
        /// A number with an exponent (`1e10`, `2.5E-3`), kept as written.
        case float
        /// `?`: a parameter numbered by its place among the statement's `?` marks.
        case positionalParameter
        /// `$n`; `value` is the digits after the dollar sign.
        case numberedParameter
        /// An operator or punctuation mark; `value` is its text (`<=`, `(`, `::`).
        case symbol
        /// The end of the text; `value` is empty.
        case endOfInput
    }

    public var kind: Kind
    /// The normalized content; see `Kind`.
    public var value: String
    /// The token exactly as written, quotes included.
    public var text: String
    public var range: SourceRange
    /// The keyword an unquoted word spells, whether or not it is reserved.
    public var keyword: Keyword?

    public init(kind: Kind, value: String, text: String, range: SourceRange) {
        self.kind = kind
        self.value = value
        self.text = text
        self.range = range
        self.keyword = kind == .word ? Keyword(rawValue: value) : nil
    }

    /// Whether this is the symbol `symbol`.
    @inline(__always)
    public func isSymbol(_ symbol: String) -> Bool {
        kind == .symbol && value == symbol
    }

    /// How error messages name the token: quoted as written, or "end of input".
    public var description: String {
        switch kind {
        case .endOfInput: return "end of input"
        case .string: return "string \(text)"
        default: return "'\(text)'"
        }
    }
}
