/// A key press the line editor acts on, decoded from the bytes a terminal sends.
enum EditorKey: Equatable, Sendable {
    /// Printable text (one character, or several when pasted).
    case text(String)
    case enter
    case backspace
    /// Delete the character under the cursor (the Delete key).
    case deleteForward
    case left, right, up, down
    /// Ctrl-A, Home.
    case home
    /// Ctrl-E, End.
    case end
    /// Ctrl-K: delete from the cursor to the end.
    case killToEnd
    /// Ctrl-U: delete from the start to the cursor.
    case killToStart
    /// Ctrl-C.
    case interrupt
    /// Ctrl-D.
    case endOfFile
    /// Ctrl-L.
    case clearScreen
}
