/// A placeholder for a value bound at execution (`?` or `$n`), so values are never pasted
/// into SQL text.
public struct Parameter: Hashable, Sendable, CustomStringConvertible {
    /// How the placeholder was written.
    public enum Style: Hashable, Sendable {
        /// `?`, numbered by its place among the statement's `?` marks.
        case positional
        /// `$n`, numbered explicitly.
        case numbered
    }

    /// 1-based number of the value this placeholder takes.
    public var index: Int
    public var style: Style
    public var range: SourceRange

    public init(index: Int, style: Style, range: SourceRange = .unknown) {
        self.index = index
        self.style = style
        self.range = range
    }

    public var description: String {
        style == .positional ? "?" : "$\(index)"
    }
}
