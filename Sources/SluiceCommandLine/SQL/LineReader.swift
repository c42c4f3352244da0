/// What reading one line of shell input gave.
enum LineReadResult: Equatable, Sendable {
    /// A line, without its line break.
    case line(String)
    /// The user pressed Ctrl-C: drop what was typed.
    case interrupted
    /// Standard input ended, or the user pressed Ctrl-D on an empty line.
    case endOfInput
}

/// A source of shell input lines: the line editor on a terminal, plain reading otherwise.
protocol LineReader: AnyObject {
    /// Shows `prompt` (where there is someone to see it) and reads one line.
    func readLine(prompt: String) -> LineReadResult
    /// Keeps `entry` (a statement or dot command that ran) for recall and in the history file.
    func remember(_ entry: String)
}
