/// The line being edited and the history it can recall, without any terminal: the line
/// editor's logic, so it can be tested by feeding keys.
///
/// The cursor moves by whole characters (grapheme clusters). Up and down walk the history;
/// the line being typed is kept and comes back when walking down past the newest entry.
struct LineEditBuffer {
    /// What a key did to the line.
    enum Outcome: Equatable {
        /// The line changed or the cursor moved (or nothing happened): keep editing.
        case editing
        /// Enter: the line is done.
        case submitted(String)
        /// Ctrl-C: the line is dropped.
        case interrupted
        /// Ctrl-D on an empty line.
        case endOfInput
        /// Ctrl-L: clear the screen and redraw.
        case clearScreen
    }

    private(set) var characters: [Character] = []
    /// The position of the cursor in `characters`: 0 is before the first.
    private(set) var cursor = 0
    /// Older entries first.
    private let history: [String]
    /// The history entry shown, or nil for the line being typed.
    private var historyIndex: Int?
    /// The line being typed while walking the history.
    private var draft: [Character] = []

    init(history: [String]) {
        self.history = history
    }

    var text: String { String(characters) }

    mutating func apply(_ key: EditorKey) -> Outcome {
        switch key {
        case .text(let text):
            // Regrouped as a whole: a combining mark joins the character before it.
            let before = String(characters[..<cursor]) + text
            characters = Array(before + String(characters[cursor...]))
            cursor = min(before.count, characters.count)
        case .enter:
            return .submitted(text)
        case .backspace:
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .deleteForward:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .endOfFile:
            if characters.isEmpty { return .endOfInput }
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left:
            cursor = max(0, cursor - 1)
        case .right:
            cursor = min(characters.count, cursor + 1)
        case .home:
            cursor = 0
        case .end:
            cursor = characters.count
        case .killToEnd:
            characters.removeSubrange(cursor...)
        case .killToStart:
            characters.removeSubrange(..<cursor)
            cursor = 0
        case .up:
            recall(older: true)
        case .down:
            recall(older: false)
        case .interrupt:
            return .interrupted
        case .clearScreen:
            return .clearScreen
        }
        return .editing
    }

    private mutating func recall(older: Bool) {
        guard !history.isEmpty else { return }
        let next: Int?
        switch (historyIndex, older) {
        case (nil, true): next = history.count - 1
        case (nil, false): return
        case (let index?, true): next = max(0, index - 1)
        case (let index?, false): next = index + 1 < history.count ? index + 1 : nil
        }
        if historyIndex == nil { draft = characters }
        historyIndex = next
        characters = next.map { Array(history[$0]) } ?? draft
        cursor = characters.count
    }

    /// What to draw in `widthMax` terminal columns: the part of the line around the cursor, and
    /// the cursor's column within it. Line breaks in recalled entries show as `↵`.
    func visibleWindow(widthMax: Int) -> (text: String, cursorColumn: Int) {
        let shown = characters.map { $0 == "\n" || $0 == "\r\n" ? "↵" : ($0 == "\t" ? " " : String($0)) }
        let widths = shown.map { TerminalText.displayWidth($0) }
        let limit = max(1, widthMax)
        // Start as far left as possible while the cursor (and one column for it) still fits.
        var start = 0
        var widthToCursor = widths[..<cursor].reduce(0, +)
        while widthToCursor >= limit, start < cursor {
            widthToCursor -= widths[start]
            start += 1
        }
        var end = start
        var used = 0
        while end < shown.count, used + widths[end] <= limit {
            used += widths[end]
            end += 1
        }
        return (shown[start..<end].joined(), widthToCursor)
    }
}
