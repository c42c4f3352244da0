import SQLParser

/// Cuts SQL text into statements at each `;` outside string literals ('…' with '' inside),
/// quoted names ("…"), `--` line comments and nesting `/* */` comments, the lexical rules of
/// the SQL parser. Text that is only whitespace and comments is no statement.
///
/// The shell also uses it to know whether what was typed so far is complete: anything after the
/// last `;` (or inside an unclosed quote or comment) waits for more lines.
enum SQLScriptSplitter {
    /// The statements of a text and what follows the last one.
    struct Split: Equatable {
        /// The statements ended by a `;`, in order.
        var statements: [SQLScriptStatement]
        /// The statement after the last `;` that has no `;` yet, or nil when only whitespace and
        /// closed comments follow it.
        var unterminated: SQLScriptStatement?
        /// The raw text after the last `;`, comments and all (what the shell keeps waiting).
        var rest: String
        /// Whether the text ends inside a string, quoted name or block comment.
        var endsInsideQuoteOrComment: Bool

        /// Whether the text after the last `;` needs more input before it can run: it has a
        /// statement, or is inside a quote or comment.
        var isWaitingForMore: Bool { unterminated != nil || endsInsideQuoteOrComment }
    }

    private enum State {
        case code, singleQuoted, doubleQuoted, lineComment
        case blockComment(depth: Int)
    }

    /// Splits `text`.
    static func split(_ text: String) -> Split {
        let bytes = Array(text.utf8)
        var statements: [SQLScriptStatement] = []
        var state = State.code
        var line = 1
        var column = 1
        // The first token of the statement being read, if it has one yet.
        var statementStart: SourcePosition?
        var restStartOffset = 0
        var index = 0

        func statement(from start: SourcePosition, to end: Int) -> SQLScriptStatement {
            SQLScriptStatement(text: String(decoding: bytes[start.offset..<end], as: UTF8.self), start: start)
        }

        while index < bytes.count {
            let byte = bytes[index]
            let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
            let position = SourcePosition(line: line, column: column, offset: index)
            var width = 1
            switch state {
            case .code:
                switch byte {
                case UInt8(ascii: ";"):
                    if let start = statementStart { statements.append(statement(from: start, to: index)) }
                    statementStart = nil
                    restStartOffset = index + 1
                case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
                    state = .lineComment
                    width = 2
                case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                    state = .blockComment(depth: 1)
                    width = 2
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
                    break
                default:
                    if statementStart == nil { statementStart = position }
                    if byte == UInt8(ascii: "'") { state = .singleQuoted }
                    if byte == UInt8(ascii: "\"") { state = .doubleQuoted }
                }
            case .singleQuoted, .doubleQuoted:
                let quote = if case .singleQuoted = state { UInt8(ascii: "'") } else { UInt8(ascii: "\"") }
                if byte == quote {
                    // A doubled quote stands for one and keeps the literal open.
                    if next == quote { width = 2 } else { state = .code }
                }
            case .lineComment:
                if byte == UInt8(ascii: "\n") { state = .code }
            case .blockComment(let depth):
                if byte == UInt8(ascii: "*"), next == UInt8(ascii: "/") {
                    state = depth == 1 ? .code : .blockComment(depth: depth - 1)
                    width = 2
                } else if byte == UInt8(ascii: "/"), next == UInt8(ascii: "*") {
                    state = .blockComment(depth: depth + 1)
                    width = 2
                }
            }
            for offset in index..<min(index + width, bytes.count) {
                let consumed = bytes[offset]
                if consumed == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if consumed & 0xC0 != 0x80 {
                    // Columns count Unicode scalars, as the parser's positions do: skip continuation bytes.
                    column += 1
                }
            }
            index += width
        }
        let endsInside: Bool
        switch state {
        case .singleQuoted, .doubleQuoted, .blockComment: endsInside = true
        case .code, .lineComment: endsInside = false
        }
        return Split(
            statements: statements,
            unterminated: statementStart.map { statement(from: $0, to: bytes.count) },
            rest: String(decoding: bytes[restStartOffset...], as: UTF8.self),
            endsInsideQuoteOrComment: endsInside
        )
    }

    /// Every statement of a script, the last one with or without its `;`.
    static func statements(in script: String) -> [SQLScriptStatement] {
        let split = split(script)
        return split.statements + (split.unterminated.map { [$0] } ?? [])
    }
}
