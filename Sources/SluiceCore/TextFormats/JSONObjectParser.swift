/// The kind of a JSON member value.
enum JSONValueKind: Sendable, Equatable {
    case null
    case boolean
    /// A number without fraction or exponent that fits Int64.
    case integer
    /// Any other number.
    case float
    case string
    /// An object or an array, kept as its JSON text.
    case nested
}

/// One `"key": value` member of an object, as views valid only during the visit.
struct JSONMember {
    /// The key, unescaped.
    let key: UnsafeBufferPointer<UInt8>
    let kind: JSONValueKind
    /// Strings unescaped and without quotes; other values as written (`12.5`, `true`, `[1,2]`).
    let text: UnsafeBufferPointer<UInt8>
    /// Byte offsets in the line, for error columns.
    let keyOffset: Int
    let valueOffset: Int
}

/// A syntax error at a byte offset of a line.
struct JSONSyntaxError: Error {
    let message: String
    let byteOffset: Int
}

/// Parses one line holding a JSON object (RFC 8259) and visits its members in order. Nested
/// objects and arrays are checked and handed over as their JSON text. Strings are unescaped,
/// including `\uXXXX` and surrogate pairs; raw bytes are taken as UTF-8 without checking.
///
/// Value type holding scratch buffers reused from line to line; one reader owns it.
struct JSONObjectParser: Sendable {
    /// Deeper nesting than this is refused rather than risking the stack.
    static let nestingDepthMax = 256

    private var keyScratch: [UInt8] = []
    private var valueScratch: [UInt8] = []

    /// Parses `line` and calls `visit` for each member.
    /// - Throws: `JSONSyntaxError` for malformed JSON or a line that is not an object; whatever
    ///   `visit` throws.
    mutating func parseObject(_ line: UnsafeBufferPointer<UInt8>, _ visit: (JSONMember) throws -> Void) throws {
        var keyScratch = self.keyScratch
        var valueScratch = self.valueScratch
        self.keyScratch = []
        self.valueScratch = []
        defer {
            self.keyScratch = keyScratch
            self.valueScratch = valueScratch
        }
        var cursor = JSONCursor(bytes: line)
        cursor.skipWhitespace()
        guard cursor.peek == UInt8(ascii: "{") else {
            throw JSONSyntaxError(message: "expected a JSON object, one per line", byteOffset: cursor.index)
        }
        cursor.index += 1
        cursor.skipWhitespace()
        if cursor.peek == UInt8(ascii: "}") {
            cursor.index += 1
        } else {
            while true {
                guard cursor.peek == UInt8(ascii: "\"") else {
                    throw JSONSyntaxError(message: "expected a quoted key", byteOffset: cursor.index)
                }
                let keyOffset = cursor.index
                let key = try cursor.readString(scratch: &keyScratch)
                cursor.skipWhitespace()
                guard cursor.peek == UInt8(ascii: ":") else {
                    throw JSONSyntaxError(message: "expected ':' after the key", byteOffset: cursor.index)
                }
                cursor.index += 1
                cursor.skipWhitespace()
                let valueOffset = cursor.index
                let (kind, value) = try cursor.readValue(scratch: &valueScratch)
                try withBytes(key, in: keyScratch, line: line) { keyBytes in
                    try withBytes(value, in: valueScratch, line: line) { valueBytes in
                        try visit(JSONMember(key: keyBytes, kind: kind, text: valueBytes,
                                             keyOffset: keyOffset, valueOffset: valueOffset))
                    }
                }
                cursor.skipWhitespace()
                if cursor.peek == UInt8(ascii: ",") {
                    cursor.index += 1
                    cursor.skipWhitespace()
                    continue
                }
                guard cursor.peek == UInt8(ascii: "}") else {
                    throw JSONSyntaxError(message: "expected ',' or '}' after a value", byteOffset: cursor.index)
                }
                cursor.index += 1
                break
            }
        }
        cursor.skipWhitespace()
        guard cursor.isAtEnd else {
            throw JSONSyntaxError(message: "text after the end of the object", byteOffset: cursor.index)
        }
    }

    private func withBytes(
        _ place: JSONCursor.TextPlace, in scratch: [UInt8], line: UnsafeBufferPointer<UInt8>,
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        switch place {
        case .line(let range):
            try body(UnsafeBufferPointer(rebasing: line[range]))
        case .scratch:
            try scratch.withUnsafeBufferPointer { try body($0) }
        }
    }
}

/// A read position in one line of JSON.
struct JSONCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    /// Where a token's text is: in the line as written, or unescaped into a scratch buffer.
    enum TextPlace {
        case line(Range<Int>)
        case scratch
    }

    var isAtEnd: Bool { index >= bytes.count }

    /// The current byte, or 0 at the end (0 is never valid JSON outside strings).
    var peek: UInt8 { index < bytes.count ? bytes[index] : 0 }

    mutating func skipWhitespace() {
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
            else { return }
            index += 1
        }
    }

    /// Reads a member value at the cursor.
    mutating func readValue(scratch: inout [UInt8]) throws -> (JSONValueKind, TextPlace) {
        let start = index
        switch peek {
        case UInt8(ascii: "\""):
            return (.string, try readString(scratch: &scratch))
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try skipNested(depth: 1)
            return (.nested, .line(start..<index))
        case UInt8(ascii: "t"):
            try expectWord("true")
            return (.boolean, .line(start..<index))
        case UInt8(ascii: "f"):
            try expectWord("false")
            return (.boolean, .line(start..<index))
        case UInt8(ascii: "n"):
            try expectWord("null")
            return (.null, .line(start..<index))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let isInteger = try readNumber()
            let range = start..<index
            let fitsInt64 = isInteger && TextFieldParser.parseInt64(UnsafeBufferPointer(rebasing: bytes[range])) != nil
            return (fitsInt64 ? .integer : .float, .line(range))
        case 0 where isAtEnd:
            throw JSONSyntaxError(message: "expected a value at the end of the line", byteOffset: index)
        default:
            throw JSONSyntaxError(message: "unexpected character '\(Character(Unicode.Scalar(peek)))'", byteOffset: index)
        }
    }

    /// Reads a string at the cursor (which is on its opening quote). Text without escapes stays
    /// in the line; text with escapes is unescaped into `scratch`.
    mutating func readString(scratch: inout [UInt8]) throws -> TextPlace {
        let openingQuote = index
        index += 1
        let contentStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return .line(contentStart..<(index - 1))
            }
            if byte == UInt8(ascii: "\\") {
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: bytes[contentStart..<index])
                try readEscapedRest(into: &scratch, openingQuote: openingQuote)
                return .scratch
            }
            guard byte >= 0x20 else {
                throw JSONSyntaxError(message: "control character in a string; it must be escaped", byteOffset: index)
            }
            index += 1
        }
        throw JSONSyntaxError(message: "string is not closed before the end of the line", byteOffset: openingQuote)
    }

    private mutating func readEscapedRest(into scratch: inout [UInt8], openingQuote: Int) throws {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return
            }
            guard byte >= 0x20 else {
                throw JSONSyntaxError(message: "control character in a string; it must be escaped", byteOffset: index)
            }
            guard byte == UInt8(ascii: "\\") else {
                scratch.append(byte)
                index += 1
                continue
            }
            let escapeStart = index
            guard index + 1 < bytes.count else { break }
            let escaped = bytes[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escaped)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                let scalar = try readUnicodeEscape(escapeStart: escapeStart)
                appendUTF8(scalar, to: &scratch)
            default:
                throw JSONSyntaxError(message: "unknown escape '\\\(Character(Unicode.Scalar(escaped)))'", byteOffset: escapeStart)
            }
        }
        throw JSONSyntaxError(message: "string is not closed before the end of the line", byteOffset: openingQuote)
    }

    /// Reads the four hex digits after `\u` (and a second `\uXXXX` for a surrogate pair).
    private mutating func readUnicodeEscape(escapeStart: Int) throws -> Unicode.Scalar {
        let first = try readHex4(escapeStart: escapeStart)
        if (0xDC00...0xDFFF).contains(first) {
            throw JSONSyntaxError(message: "unpaired low surrogate in '\\u' escape", byteOffset: escapeStart)
        }
        guard (0xD800...0xDBFF).contains(first) else { return Unicode.Scalar(first)! }
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
            throw JSONSyntaxError(message: "high surrogate in '\\u' escape is not followed by a low surrogate", byteOffset: escapeStart)
        }
        let secondStart = index
        index += 2
        let second = try readHex4(escapeStart: secondStart)
        guard (0xDC00...0xDFFF).contains(second) else {
            throw JSONSyntaxError(message: "high surrogate in '\\u' escape is not followed by a low surrogate", byteOffset: escapeStart)
        }
        let value = 0x10000 + ((UInt32(first) - 0xD800) << 10) + (UInt32(second) - 0xDC00)
        return Unicode.Scalar(value)!
    }

    private mutating func readHex4(escapeStart: Int) throws -> UInt16 {
        guard index + 4 <= bytes.count else {
            throw JSONSyntaxError(message: "'\\u' escape needs four hex digits", byteOffset: escapeStart)
        }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONSyntaxError(message: "'\\u' escape needs four hex digits", byteOffset: escapeStart)
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    private func appendUTF8(_ scalar: Unicode.Scalar, to scratch: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case 0..<0x80:
            scratch.append(UInt8(value))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | value >> 6))
            scratch.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | value >> 12))
            scratch.append(UInt8(0x80 | value >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | value & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | value >> 18))
            scratch.append(UInt8(0x80 | value >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | value >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | value & 0x3F))
        }
    }

    /// Checks the number grammar `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    /// - Returns: whether it has neither fraction nor exponent.
    private mutating func readNumber() throws -> Bool {
        let start = index
        if peek == UInt8(ascii: "-") { index += 1 }
        if peek == UInt8(ascii: "0") {
            index += 1
            if isDigit(peek) {
                throw JSONSyntaxError(message: "numbers cannot have leading zeros", byteOffset: start)
            }
        } else {
            guard isDigit(peek) else { throw JSONSyntaxError(message: "malformed number", byteOffset: start) }
            while isDigit(peek) { index += 1 }
        }
        var isInteger = true
        if peek == UInt8(ascii: ".") {
            index += 1
            guard isDigit(peek) else { throw JSONSyntaxError(message: "malformed number: digits must follow '.'", byteOffset: start) }
            while isDigit(peek) { index += 1 }
            isInteger = false
        }
        if peek | 0x20 == UInt8(ascii: "e") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard isDigit(peek) else { throw JSONSyntaxError(message: "malformed number: digits must follow the exponent", byteOffset: start) }
            while isDigit(peek) { index += 1 }
            isInteger = false
        }
        return isInteger
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    private mutating func expectWord(_ word: StaticString) throws {
        let start = index
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else {
            throw JSONSyntaxError(message: "unexpected text; expected '\(word)'", byteOffset: start)
        }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw JSONSyntaxError(message: "unexpected text; expected '\(word)'", byteOffset: start)
        }
        index += count
    }

    /// Skips an object or array at the cursor, checking its syntax.
    private mutating func skipNested(depth: Int) throws {
        guard depth <= JSONObjectParser.nestingDepthMax else {
            throw JSONSyntaxError(message: "nesting deeper than \(JSONObjectParser.nestingDepthMax) levels", byteOffset: index)
        }
        let isObject = peek == UInt8(ascii: "{")
        let closing = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        let opening = index
        index += 1
        skipWhitespace()
        if peek == closing {
            index += 1
            return
        }
        var ignored: [UInt8] = []
        while true {
            if isObject {
                guard peek == UInt8(ascii: "\"") else {
                    throw JSONSyntaxError(message: "expected a quoted key", byteOffset: index)
                }
                try skipString()
                skipWhitespace()
                guard peek == UInt8(ascii: ":") else {
                    throw JSONSyntaxError(message: "expected ':' after the key", byteOffset: index)
                }
                index += 1
                skipWhitespace()
            }
            if peek == UInt8(ascii: "{") || peek == UInt8(ascii: "[") {
                try skipNested(depth: depth + 1)
            } else if peek == UInt8(ascii: "\"") {
                try skipString()
            } else {
                _ = try readValue(scratch: &ignored)
            }
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                index += 1
                skipWhitespace()
                continue
            }
            if peek == closing {
                index += 1
                return
            }
            if isAtEnd {
                throw JSONSyntaxError(message: "\(isObject ? "object" : "array") is not closed before the end of the line", byteOffset: opening)
            }
            throw JSONSyntaxError(message: "expected ',' or '\(Character(Unicode.Scalar(closing)))'", byteOffset: index)
        }
    }

    /// Skips a string, checking its escapes, without keeping its text.
    private mutating func skipString() throws {
        var scratch: [UInt8] = []
        _ = try readString(scratch: &scratch)
    }
}
