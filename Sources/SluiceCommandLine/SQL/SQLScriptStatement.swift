import SQLParser

/// One statement cut out of a script: its text without the ending `;`, starting at its first
/// token, and where that token sits in the script, so positions in errors about the statement
/// can be given in the script's terms.
struct SQLScriptStatement: Equatable, Sendable {
    /// The statement's text, from its first token up to (not including) the `;` or the end.
    var text: String
    /// Where `text` begins in the script.
    var start: SourcePosition

    /// `position`, a place in `text`, as a place in the script.
    func scriptPosition(_ position: SourcePosition) -> SourcePosition {
        SourcePosition(
            line: position.line + start.line - 1,
            column: position.line == 1 ? position.column + start.column - 1 : position.column,
            offset: position.offset + start.offset
        )
    }
}
