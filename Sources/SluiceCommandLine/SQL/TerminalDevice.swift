#if canImport(Glibc)
import Glibc
#endif

/// Facts about the terminal the command runs in, and its raw mode for the line editor.
enum TerminalDevice {
    /// Columns assumed when output is not a terminal or its size is unknown.
    static let fallbackWidthColumns = 120

    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    /// The width of the terminal on `descriptor`, or `fallbackWidthColumns`.
    static func widthColumns(of descriptor: Int32) -> Int {
        var size = winsize()
        guard isTerminal(descriptor), ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else {
            return fallbackWidthColumns
        }
        return Int(size.ws_col)
    }

    /// Puts the terminal on `descriptor` in raw mode (bytes arrive as typed, without echo or
    /// signals), runs `body`, and restores the previous mode, also when `body` throws.
    /// Returns nil without running `body` when the mode cannot be changed.
    static func withRawMode<T>(_ descriptor: Int32, _ body: () throws -> T) rethrows -> T? {
        var original = termios()
        guard tcgetattr(descriptor, &original) == 0 else { return nil }
        var raw = original
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        // Output processing stays on, so "\n" still returns the carriage.
        raw.c_cflag |= tcflag_t(CS8)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { controlCharacters in
            controlCharacters[Int(VMIN)] = 1
            controlCharacters[Int(VTIME)] = 0
        }
        guard tcsetattr(descriptor, TCSAFLUSH, &raw) == 0 else { return nil }
        defer { _ = tcsetattr(descriptor, TCSAFLUSH, &original) }
        return try body()
    }
}
