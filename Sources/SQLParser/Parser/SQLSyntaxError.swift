import SluiceCore

/// SQL text that does not follow the grammar: where (line, column, the offending token) and why.
///
/// The message is a sentence such as "expected an expression after 'WHERE', found ')'";
/// `render(source:)` adds the offending line with a caret under the token.
public struct SQLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The fields live in one shared object so the error is a single pointer wide: every parse
    /// function throws it, and a wide typed error would widen every frame of the recursive descent.
    private final class Storage: Sendable {
        let message: String
        let range: SourceRange
        let found: String?
        let expected: String?

        init(message: String, range: SourceRange, found: String?, expected: String?) {
            self.message = message
            self.range = range
            self.found = found
            self.expected = expected
        }
    }

    private let storage: Storage

    public init(_ message: String, at range: SourceRange, found: String? = nil, expected: String? = nil) {
        storage = Storage(message: message, range: range, found: found, expected: expected)
    }

    /// What went wrong, without the position.
    public var message: String { storage.message }
    /// The offending token, or an empty range at the end of the text.
    public var range: SourceRange { storage.range }
    /// The offending token as written; nil when the text ended too early.
    public var found: String? { storage.found }
    /// What the parser wanted instead ("an expression", "')'"), when the error is a mismatch.
    public var expected: String? { storage.expected }

    public var line: Int { range.start.line }
    public var column: Int { range.start.column }

    public static func == (lhs: SQLSyntaxError, rhs: SQLSyntaxError) -> Bool {
        lhs.message == rhs.message && lhs.range.isSame(as: rhs.range) && lhs.found == rhs.found
            && lhs.expected == rhs.expected
    }

    public var description: String {
        "syntax error at line \(line), column \(column): \(message)"
    }

    /// The same error as the `SluiceError` every layer reports: the user's fault, located.
    public var sluiceError: SluiceError {
        .userInput(
            "syntax error: \(message)",
            at: SourceLocation(byteOffset: range.start.offset, line: line, column: column)
        )
    }

    /// The description, then the offending line of `source` with carets under the token:
    ///
    ///     syntax error at line 2, column 7: expected an expression after 'WHERE', found ')'
    ///       2 | WHERE )
    ///         |       ^
    ///
    /// - Parameter source: the text that was parsed; a different text gives a meaningless picture.
    public func render(source: String) -> String {
        let sourceLine = Self.lineText(around: range.start.offset, in: source)
        let gutter = String(line)
        let blankGutter = String(repeating: " ", count: gutter.count)
        // Tabs before the token are copied so the caret lands under it whatever the tab width.
        var indent = ""
        for (index, scalar) in sourceLine.unicodeScalars.enumerated() where index < column - 1 {
            indent.unicodeScalars.append(scalar == "\t" ? "\t" : " ")
        }
        let lineLengthAfterColumn = max(0, sourceLine.unicodeScalars.count - (column - 1))
        let tokenLength = range.end.line == range.start.line
            ? range.end.column - range.start.column
            : lineLengthAfterColumn
        let caretCount = max(1, min(tokenLength, lineLengthAfterColumn))
        return """
            \(description)
              \(gutter) | \(sourceLine)
              \(blankGutter) | \(indent)\(String(repeating: "^", count: caretCount))
            """
    }

    /// The line holding byte `offset`, without its line break.
    private static func lineText(around offset: Int, in source: String) -> String {
        let bytes = Array(source.utf8)
        let newline = UInt8(ascii: "\n")
        let clampedOffset = min(max(0, offset), bytes.count)
        var lineStart = clampedOffset
        while lineStart > 0, bytes[lineStart - 1] != newline { lineStart -= 1 }
        var lineEnd = clampedOffset
        while lineEnd < bytes.count, bytes[lineEnd] != newline { lineEnd += 1 }
        if lineEnd > lineStart, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
        return String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
    }
}
