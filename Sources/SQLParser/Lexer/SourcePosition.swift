/// A point in SQL text: 1-based line and column plus the 0-based UTF-8 byte offset.
///
/// Columns count Unicode scalars from the start of the line, so a caret printed under a column
/// lines up with what the user typed even when the line holds non-ASCII names.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The start of the text.
    public static let start = SourcePosition(line: 1, column: 1, offset: 0)

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        lhs.offset < rhs.offset
    }

    public var description: String {
        "line \(line), column \(column)"
    }
}
