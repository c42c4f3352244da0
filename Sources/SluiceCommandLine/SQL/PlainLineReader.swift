#if canImport(Glibc)
import Glibc
#endif

/// Reads lines from standard input as they come, for piped scripts and terminals the line
/// editor cannot drive. Prompts are shown only when `showsPrompt`; nothing is remembered.
final class PlainLineReader: LineReader {
    private let showsPrompt: Bool

    init(showsPrompt: Bool) {
        self.showsPrompt = showsPrompt
    }

    func readLine(prompt: String) -> LineReadResult {
        if showsPrompt { writeAll(Array(prompt.utf8), to: STDOUT_FILENO) }
        guard var line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        if line.hasSuffix("\r") { line.removeLast() }
        return .line(line)
    }

    func remember(_ entry: String) {}
}
