/// A strict RFC 8259 parser that copies what it reads into `output` without the whitespace
/// between tokens. Strings are validated but kept escaped as written.
///
/// Value type; one parse per instance.
struct JSONCompactingParser {
    /// Deeper nesting than this is refused rather than risking the stack.
    static let nestingDepthMax = 256

    private let bytes: ArraySlice<UInt8>
    private var index: Int
    private(set) var output: [UInt8] = []

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
        output.reserveCapacity(bytes.count)
    }

    /// The byte offset of the cursor from the start of the text.
    private var offset: Int { index - bytes.startIndex }

    private var peek: UInt8? { index < bytes.endIndex ? bytes[index] : nil }

    private func fault(_ message: String) -> JSONSyntaxFault { JSONSyntaxFault(message: message, byteOffset: offset) }

    /// Parses an object that must be the whole text (whitespace around it allowed).
    mutating func parseTopLevelObject() throws(JSONSyntaxFault) -> [JSONObjectLine.Member] {
        skipWhitespace()
        guard peek == UInt8(ascii: "{") else { throw fault("expected a JSON object") }
        var members: [JSONObjectLine.Member] = []
        try parseObject(depth: 1) { key, kind, range in members.append(.init(key: key, kind: kind, range: range)) }
        try expectEnd()
        return members
    }

    /// Parses any JSON value that must be the whole text.
    mutating func parseTopLevelValue() throws(JSONSyntaxFault) -> JSONObjectLine.Kind {
        let kind = try parseValue(depth: 0)
        try expectEnd()
        return kind
    }

    private mutating func expectEnd() throws(JSONSyntaxFault) {
        skipWhitespace()
        guard index == bytes.endIndex else { throw fault("unexpected text after the JSON value") }
    }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private mutating func parseValue(depth: Int) throws(JSONSyntaxFault) -> JSONObjectLine.Kind {
        skipWhitespace()
        guard let byte = peek else { throw fault("expected a value, found the end of the line") }
        switch byte {
        case UInt8(ascii: "{"):
            try parseObject(depth: depth + 1) { _, _, _ in }
            return .object
        case UInt8(ascii: "["):
            try parseArray(depth: depth + 1)
            return .array
        case UInt8(ascii: "\""):
            try copyString()
            return .string
        case UInt8(ascii: "t"):
            try copyWord("true")
            return .boolean
        case UInt8(ascii: "f"):
            try copyWord("false")
            return .boolean
        case UInt8(ascii: "n"):
            try copyWord("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try copyNumber()
            return .number
        default:
            throw fault("unexpected character '\(Character(Unicode.Scalar(byte)))'")
        }
    }

    /// Parses `{...}` at the cursor, calling `member` with each key, kind and compact value range.
    private mutating func parseObject(
        depth: Int, _ member: (String, JSONObjectLine.Kind, Range<Int>) -> Void
    ) throws(JSONSyntaxFault) {
        guard depth <= Self.nestingDepthMax else { throw fault("nested deeper than \(Self.nestingDepthMax) levels") }
        output.append(bytes[index])
        index += 1
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            output.append(UInt8(ascii: "}"))
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw fault("expected a quoted key") }
            let keyStart = output.count
            try copyString()
            let key = JSONText.unescapedString(output[keyStart...])
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw fault("expected ':' after the key") }
            output.append(UInt8(ascii: ":"))
            index += 1
            skipWhitespace()
            let valueStart = output.count
            let kind = try parseValue(depth: depth)
            member(key, kind, valueStart..<output.count)
            skipWhitespace()
            guard let separator = peek else { throw fault("unterminated object") }
            output.append(separator)
            index += 1
            if separator == UInt8(ascii: "}") { return }
            guard separator == UInt8(ascii: ",") else {
                index -= 1
                throw fault("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONSyntaxFault) {
        guard depth <= Self.nestingDepthMax else { throw fault("nested deeper than \(Self.nestingDepthMax) levels") }
        output.append(UInt8(ascii: "["))
        index += 1
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            output.append(UInt8(ascii: "]"))
            index += 1
            return
        }
        while true {
            _ = try parseValue(depth: depth)
            skipWhitespace()
            guard let separator = peek else { throw fault("unterminated array") }
            output.append(separator)
            index += 1
            if separator == UInt8(ascii: "]") { return }
            guard separator == UInt8(ascii: ",") else {
                index -= 1
                throw fault("expected ',' or ']' in an array")
            }
        }
    }

    /// Copies a string with its quotes and escapes, checking the escapes and that no control
    /// character appears unescaped.
    private mutating func copyString() throws(JSONSyntaxFault) {
        let start = index
        index += 1
        while true {
            guard let byte = peek else {
                index = start
                throw fault("unterminated string")
            }
            if byte == UInt8(ascii: "\"") {
                index += 1
                break
            }
            if byte < 0x20 { throw fault("control character in a string") }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard let escaped = peek else { throw fault("unterminated escape") }
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 1
                case UInt8(ascii: "u"):
                    index += 1
                    for _ in 0..<4 {
                        guard let digit = peek, JSONText.hexValue(digit) != nil else { throw fault("invalid \\u escape") }
                        index += 1
                    }
                default:
                    throw fault("invalid escape '\\\(Character(Unicode.Scalar(escaped)))'")
                }
                continue
            }
            index += 1
        }
        output.append(contentsOf: bytes[start..<index])
    }

    private mutating func copyWord(_ word: StaticString) throws(JSONSyntaxFault) {
        let start = index
        for expected in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) {
            guard peek == expected else { throw fault("invalid literal, expected '\(word)'") }
            index += 1
        }
        output.append(contentsOf: bytes[start..<index])
    }

    private mutating func copyNumber() throws(JSONSyntaxFault) {
        let start = index
        if peek == UInt8(ascii: "-") { index += 1 }
        guard let first = peek, isDigit(first) else { throw fault("invalid number") }
        index += 1
        if first != UInt8(ascii: "0") {
            while let byte = peek, isDigit(byte) { index += 1 }
        }
        if peek == UInt8(ascii: ".") {
            index += 1
            guard let byte = peek, isDigit(byte) else { throw fault("invalid number: digits expected after '.'") }
            while let byte = peek, isDigit(byte) { index += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard let byte = peek, isDigit(byte) else { throw fault("invalid number: digits expected in the exponent") }
            while let byte = peek, isDigit(byte) { index += 1 }
        }
        output.append(contentsOf: bytes[start..<index])
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
}
