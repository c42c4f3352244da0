/// Turns the bytes a terminal in raw mode sends into `EditorKey`s: control characters, UTF-8
/// text, and the escape sequences of arrows and Home/End/Delete (`ESC [ …` and `ESC O …`).
/// Sequences it does not know are swallowed whole, so they never land in the line as text.
///
/// Feed it one byte at a time; it keeps the partial sequence between calls.
struct EditorKeyDecoder {
    private enum State {
        case ground
        /// After ESC.
        case escape
        /// After `ESC [` (a control sequence) or `ESC O`, holding the parameter bytes so far.
        case sequence(introducer: UInt8, parameters: [UInt8])
        /// Inside a multi-byte UTF-8 character.
        case utf8(bytes: [UInt8], remaining: Int)
    }

    private var state = State.ground

    /// The key `byte` completes, or nil when it starts or continues a sequence.
    mutating func feed(_ byte: UInt8) -> EditorKey? {
        switch state {
        case .ground:
            return ground(byte)
        case .escape:
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "O") {
                state = .sequence(introducer: byte, parameters: [])
                return nil
            }
            // A lone Escape followed by a key: ignore the Escape, keep the key.
            state = .ground
            return ground(byte)
        case .sequence(let introducer, var parameters):
            // Parameter and intermediate bytes are 0x20...0x3F; a final byte 0x40...0x7E ends it.
            if (0x20...0x3F).contains(byte), introducer == UInt8(ascii: "[") {
                parameters.append(byte)
                state = .sequence(introducer: introducer, parameters: parameters)
                return nil
            }
            state = .ground
            return EditorKeyDecoder.sequenceKey(final: byte, parameters: parameters)
        case .utf8(var bytes, let remaining):
            guard byte & 0xC0 == 0x80 else {
                // A broken character: drop what was gathered and start over with this byte.
                state = .ground
                return ground(byte)
            }
            bytes.append(byte)
            if remaining > 1 {
                state = .utf8(bytes: bytes, remaining: remaining - 1)
                return nil
            }
            state = .ground
            return .text(String(decoding: bytes, as: UTF8.self))
        }
    }

    private mutating func ground(_ byte: UInt8) -> EditorKey? {
        switch byte {
        case 0x1B: state = .escape; return nil
        case 0x0D, 0x0A: return .enter
        case 0x7F, 0x08: return .backspace
        case 0x01: return .home
        case 0x02: return .left
        case 0x03: return .interrupt
        case 0x04: return .endOfFile
        case 0x05: return .end
        case 0x06: return .right
        case 0x0B: return .killToEnd
        case 0x0C: return .clearScreen
        case 0x0E: return .down
        case 0x10: return .up
        case 0x15: return .killToStart
        case 0x09: return .text("    ")  // A tab would not keep the cursor arithmetic simple.
        case 0x00..<0x20: return nil
        case 0x20..<0x80: return .text(String(UnicodeScalar(byte)))
        case 0xC0..<0xE0: state = .utf8(bytes: [byte], remaining: 1); return nil
        case 0xE0..<0xF0: state = .utf8(bytes: [byte], remaining: 2); return nil
        case 0xF0..<0xF8: state = .utf8(bytes: [byte], remaining: 3); return nil
        default: return nil
        }
    }

    private static func sequenceKey(final: UInt8, parameters: [UInt8]) -> EditorKey? {
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "~"):
            switch String(decoding: parameters, as: UTF8.self) {
            case "1", "7": return .home
            case "4", "8": return .end
            case "3": return .deleteForward
            default: return nil
            }
        default: return nil
        }
    }
}
