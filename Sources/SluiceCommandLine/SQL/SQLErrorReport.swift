import SQLParser
import SluiceCore

/// The text printed for a statement that failed: the message, and when the error points into
/// the statement (a syntax error, an unknown column), the script line with a caret under the
/// place, numbered as in the script:
///
/// ```
/// syntax error at line 2, column 7: expected an expression after 'WHERE', found ')'
///   2 | WHERE )
///     |       ^
/// ```
enum SQLErrorReport {
    /// The report for `error`, raised by `statement` of `script`, ending with a line break.
    /// - Parameters:
    ///   - scriptName: the file the script came from, put before the message; nil for `-c` text
    ///     and the shell.
    static func text(for error: any Error, statement: SQLScriptStatement, script: String, scriptName: String?) -> String {
        let prefix = scriptName.map { "\($0): " } ?? ""
        if let syntaxError = error as? SQLSyntaxError {
            let range = SourceRange(start: statement.scriptPosition(syntaxError.range.start),
                                    end: statement.scriptPosition(syntaxError.range.end))
            let located = SQLSyntaxError(syntaxError.message, at: range, found: syntaxError.found, expected: syntaxError.expected)
            return prefix + located.render(source: script) + "\n"
        }
        guard let sluiceError = error as? SluiceError else { return prefix + "\(error)\n" }
        // Only a location with a line and no file of its own is a place in the statement.
        guard let location = sluiceError.location, location.file == nil, let line = location.line else {
            return prefix + "\(sluiceError)\n"
        }
        let inStatement = SourcePosition(line: line, column: location.column ?? 1, offset: location.byteOffset ?? 0)
        var position = statement.scriptPosition(inStatement)
        if location.byteOffset == nil { position.offset = offset(ofLine: position.line, in: script) }
        var scriptLocation = location
        scriptLocation.line = position.line
        scriptLocation.column = location.column.map { _ in position.column }
        scriptLocation.byteOffset = nil
        var relocated = sluiceError
        relocated.location = scriptLocation
        return prefix + "\(relocated)\n" + excerpt(at: position, in: script) + "\n"
    }

    /// The line holding `position` with a caret under its column, drawn as syntax errors are.
    static func excerpt(at position: SourcePosition, in script: String) -> String {
        let picture = SQLSyntaxError("", at: SourceRange(start: position, end: position)).render(source: script)
        // The picture's first line is the (empty) error's description; the rest is the excerpt.
        return picture.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
    }

    /// The byte offset where line `line` (1-based) of `text` begins.
    private static func offset(ofLine line: Int, in text: String) -> Int {
        var currentLine = 1
        for (offset, byte) in text.utf8.enumerated() where currentLine < line {
            if byte == UInt8(ascii: "\n") {
                currentLine += 1
                if currentLine == line { return offset + 1 }
            }
        }
        return currentLine == line ? 0 : text.utf8.count
    }
}
