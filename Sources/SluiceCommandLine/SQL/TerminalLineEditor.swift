#if canImport(Glibc)
import Glibc
#endif

/// A small line editor for the shell on a terminal: left/right, Home/End (Ctrl-A/E),
/// backspace and delete, Ctrl-K/U, up/down through the history, Ctrl-C to drop the line, Ctrl-D
/// on an empty line to quit. A line wider than the terminal scrolls sideways.
///
/// The terminal is in raw mode only while a line is read, so query output and Ctrl-C during a
/// query behave as usual. Entries are kept in `history` (and its file) when the shell remembers
/// them.
final class TerminalLineEditor: LineReader {
    private let input: Int32
    private let output: Int32
    private let history: ShellHistory
    private var entries: [String]

    /// - Parameters:
    ///   - history: the history file; its entries are loaded now.
    init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, history: ShellHistory) {
        self.input = input
        self.output = output
        self.history = history
        entries = history.load()
    }

    func readLine(prompt: String) -> LineReadResult {
        let result = TerminalDevice.withRawMode(input) { edit(prompt: prompt) }
        // Without raw mode (the terminal refused it) read as a plain line.
        return result ?? PlainLineReader(showsPrompt: true).readLine(prompt: prompt)
    }

    func remember(_ entry: String) {
        guard !entry.isEmpty, entry != entries.last else { return }
        entries.append(entry)
        if entries.count > ShellHistory.entryCountMax { entries.removeFirst(entries.count - ShellHistory.entryCountMax) }
        history.append(entry)
    }

    private func edit(prompt: String) -> LineReadResult {
        var buffer = LineEditBuffer(history: entries)
        var decoder = EditorKeyDecoder()
        redraw(prompt: prompt, buffer: buffer)
        while let byte = readByte() {
            guard let key = decoder.feed(byte) else { continue }
            switch buffer.apply(key) {
            case .editing:
                redraw(prompt: prompt, buffer: buffer)
            case .clearScreen:
                write("\u{1B}[H\u{1B}[2J")
                redraw(prompt: prompt, buffer: buffer)
            case .submitted(let line):
                write("\r\n")
                return .line(line)
            case .interrupted:
                write("^C\r\n")
                return .interrupted
            case .endOfInput:
                write("\r\n")
                return .endOfInput
            }
        }
        write("\r\n")
        return .endOfInput
    }

    /// One byte of input, or nil at the end of input or on a read error.
    private func readByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let count = read(input, &byte, 1)
            if count == 1 { return byte }
            if count < 0, errno == EINTR { continue }
            return nil
        }
    }

    /// Draws the prompt and the visible part of the line over the current terminal line and
    /// puts the cursor in place.
    private func redraw(prompt: String, buffer: LineEditBuffer) {
        let promptWidth = TerminalText.displayWidth(prompt)
        let widthColumns = TerminalDevice.widthColumns(of: output)
        let (text, cursorColumn) = buffer.visibleWindow(widthMax: max(1, widthColumns - promptWidth - 1))
        var line = "\r" + prompt + text + "\u{1B}[K"
        let columnsAfterCursor = TerminalText.displayWidth(text) - cursorColumn
        if columnsAfterCursor > 0 { line += "\u{1B}[\(columnsAfterCursor)D" }
        write(line)
    }

    private func write(_ text: String) {
        writeAll(Array(text.utf8), to: output)
    }
}
