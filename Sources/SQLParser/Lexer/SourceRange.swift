/// Where a token or syntax-tree node sits in the SQL text: from `start` up to, not including, `end`.
///
/// Two ranges always compare equal and hash alike, so syntax trees compare by structure alone: a
/// query reparsed from its printed form equals the original, and the binder can match
/// `GROUP BY a + b` against the `a + b` written in the select list. Compare `start` and `end`
/// directly (or use `isSame(as:)`) when positions matter.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// The range of nodes built by code rather than parsed from text.
    public static let unknown = SourceRange(start: .start, end: .start)

    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }

    /// Whether both ranges cover exactly the same text, which `==` deliberately does not check.
    public func isSame(as other: SourceRange) -> Bool {
        start == other.start && end == other.end
    }

    /// Length of the covered text in UTF-8 bytes.
    public var lengthBytes: Int { end.offset - start.offset }

    public static func == (lhs: SourceRange, rhs: SourceRange) -> Bool { true }

    public func hash(into hasher: inout Hasher) {}

    public var description: String {
        "\(start.line):\(start.column)-\(end.line):\(end.column)"
    }
}
