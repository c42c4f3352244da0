import SQLParser
import SluiceCore

/// Errors in a statement that parsed but does not make sense: unknown names, wrong types,
/// misplaced aggregates. All are the user's fault and carry the position of the offending
/// text.
enum BindError {
    static func make(_ message: String, at range: SourceRange) -> SluiceError {
        if range.isSame(as: .unknown) { return .userInput(message) }
        return .userInput(message, at: SourceLocation(byteOffset: range.start.offset, line: range.start.line,
                                                       column: range.start.column))
    }
}
