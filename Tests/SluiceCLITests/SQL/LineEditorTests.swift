import Testing
@testable import SluiceCommandLine

@Suite struct LineEditorTests {
    private func keys(_ bytes: [UInt8]) -> [EditorKey] {
        var decoder = EditorKeyDecoder()
        return bytes.compactMap { decoder.feed($0) }
    }

    private func keys(_ text: String) -> [EditorKey] { keys(Array(text.utf8)) }

    @Test func decodesControlKeysEscapeSequencesAndUTF8() {
        #expect(keys([0x01, 0x05, 0x03, 0x04, 0x7F, 0x08, 0x0D, 0x0A, 0x0B, 0x15, 0x10, 0x0E, 0x02, 0x06])
                == [.home, .end, .interrupt, .endOfFile, .backspace, .backspace, .enter, .enter, .killToEnd,
                    .killToStart, .up, .down, .left, .right])
        #expect(keys("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D\u{1B}[H\u{1B}[F\u{1B}OH\u{1B}OF\u{1B}[1~\u{1B}[4~\u{1B}[3~")
                == [.up, .down, .right, .left, .home, .end, .home, .end, .home, .end, .deleteForward])
        #expect(keys("aé€🍕") == [.text("a"), .text("é"), .text("€"), .text("🍕")])
        // Modified arrows (Ctrl-Right) move as plain ones; unknown sequences (F5) vanish
        // instead of typing their bytes.
        #expect(keys("\u{1B}[1;5C\u{1B}[15~x") == [.right, .text("x")])
        // A lone Escape before a key drops the Escape only.
        #expect(keys("\u{1B}x") == [.text("x")])
        // A broken UTF-8 character is dropped; the next byte still counts.
        #expect(keys([0xC3, 0x41]) == [.text("A")])
    }

    private func type(_ text: String, into buffer: inout LineEditBuffer) {
        for key in keys(text) { _ = buffer.apply(key) }
    }

    @Test func editsAtTheCursor() {
        var buffer = LineEditBuffer(history: [])
        type("SELEC 1", into: &buffer)
        for _ in 0..<2 { _ = buffer.apply(.left) }
        _ = buffer.apply(.text("T"))
        #expect(buffer.text == "SELECT 1" && buffer.cursor == 6)
        _ = buffer.apply(.home)
        _ = buffer.apply(.deleteForward)
        #expect(buffer.text == "ELECT 1" && buffer.cursor == 0)
        _ = buffer.apply(.backspace)  // Nothing before the cursor.
        _ = buffer.apply(.end)
        _ = buffer.apply(.backspace)
        _ = buffer.apply(.right)  // Already at the end.
        #expect(buffer.text == "ELECT " && buffer.cursor == 6)
        for _ in 0..<3 { _ = buffer.apply(.left) }
        _ = buffer.apply(.killToEnd)
        #expect(buffer.text == "ELE")
        _ = buffer.apply(.left)
        _ = buffer.apply(.killToStart)
        #expect(buffer.text == "E" && buffer.cursor == 0)
        #expect(buffer.apply(.enter) == .submitted("E"))
    }

    @Test func movesOverWholeCharacters() {
        var buffer = LineEditBuffer(history: [])
        type("a🍕é", into: &buffer)
        _ = buffer.apply(.left)
        _ = buffer.apply(.backspace)
        #expect(buffer.text == "aé")
        _ = buffer.apply(.end)
        _ = buffer.apply(.text("e"))
        _ = buffer.apply(.text("\u{301}"))  // A combining accent joins the "e" before it.
        #expect(buffer.characters.count == 3 && buffer.cursor == 3)
    }

    @Test func interruptAndEndOfInput() {
        var buffer = LineEditBuffer(history: [])
        #expect(buffer.apply(.endOfFile) == .endOfInput)
        _ = buffer.apply(.text("ab"))
        _ = buffer.apply(.left)
        #expect(buffer.apply(.endOfFile) == .editing)  // Ctrl-D in a line deletes forward.
        #expect(buffer.text == "a")
        #expect(buffer.apply(.interrupt) == .interrupted)
    }

    @Test func walksTheHistoryAndKeepsTheDraft() {
        var buffer = LineEditBuffer(history: ["SELECT 1;", "SELECT 2;"])
        _ = buffer.apply(.down)  // Nothing newer than the draft.
        type("draft", into: &buffer)
        _ = buffer.apply(.up)
        #expect(buffer.text == "SELECT 2;" && buffer.cursor == 9)
        _ = buffer.apply(.up)
        _ = buffer.apply(.up)  // Stays at the oldest.
        #expect(buffer.text == "SELECT 1;")
        _ = buffer.apply(.down)
        #expect(buffer.text == "SELECT 2;")
        _ = buffer.apply(.down)
        #expect(buffer.text == "draft")
        var empty = LineEditBuffer(history: [])
        _ = empty.apply(.up)
        #expect(empty.text.isEmpty)
    }

    @Test func visibleWindowScrollsToTheCursor() {
        var buffer = LineEditBuffer(history: ["SELECT\n1;"])
        _ = buffer.apply(.up)
        #expect(buffer.visibleWindow(widthMax: 40) == (text: "SELECT↵1;", cursorColumn: 9))
        var long = LineEditBuffer(history: [])
        type("0123456789abcdef", into: &long)
        let end = long.visibleWindow(widthMax: 10)
        #expect(end.text == "789abcdef" && end.cursorColumn == 9)
        _ = long.apply(.home)
        let start = long.visibleWindow(widthMax: 10)
        #expect(start.text == "0123456789" && start.cursorColumn == 0)
        var wide = LineEditBuffer(history: [])
        type("表表表表表表", into: &wide)
        let wideEnd = wide.visibleWindow(widthMax: 7)
        #expect(wideEnd.text == "表表表" && wideEnd.cursorColumn == 6)
    }
}
